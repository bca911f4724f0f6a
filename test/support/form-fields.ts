/**
 * The fields a browser would send for one form of a page, read from its HTML: text and hidden inputs,
 * ticked checkboxes, each select's selected option (else its first). Enough for the server-rendered
 * forms of Ensemble (no JavaScript decides what is sent).
 */
export function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`formulaire ${action} absent`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const out: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    if (!name) continue;
    const type = attr(tag, 'type') ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
    if (type === 'submit') continue;
    out[name] = unescape(attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const [, open, body] of form.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const name = attr(open!, 'name');
    if (!name) continue;
    const options = [...body!.matchAll(/<option\b([^>]*)>/g)].map((m) => m[1]!);
    const chosen = options.find((o) => /\sselected\b/.test(o)) ?? options[0];
    out[name] = unescape(chosen ? (attr(chosen, 'value') ?? '') : '');
  }
  return out;
}
