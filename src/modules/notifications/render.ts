/**
 * A mail's body, written once as structured content and rendered twice: plain text and HTML (every
 * value escaped). Each mail has a link back to the page it is about and, for an optional kind, a
 * one-click unsubscribe link.
 */
export interface MailContent {
  subject: string;
  /** Paragraphs of plain text (no markup: escaped in HTML). */
  paragraphs: string[];
  /** The page the mail is about, as a path of the site (made absolute with PUBLIC_URL). */
  action?: { label: string; path: string };
  /** Lines shown as a list (a person's contributions, a workshop's facts); a line may link to its own page. */
  list?: Array<string | ListLine>;
  /** An .ics invitation (RFC 5545) attached as « atelier.ics ». */
  ics?: string;
}

/** A list line with its own page (a path of the site), when a mail is about several pages. */
export interface ListLine {
  text: string;
  path: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderMail(content: MailContent, to: { name: string }, links: { base: string; unsubscribe?: string }): RenderedMail {
  const url = content.action ? links.base + content.action.path : null;
  const text = [
    `Bonjour ${to.name},`,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.list?.length ? [...content.list.map((l) => (typeof l === 'string' ? `- ${l}` : `- ${l.text} : ${links.base}${l.path}`)), ''] : []),
    ...(url ? [`${content.action!.label} : ${url}`, ''] : []),
    '-- ',
    'Ensemble, la consultation des Missions Locales',
    ...(links.unsubscribe ? [`Ne plus recevoir ce type de courriel : ${links.unsubscribe}`] : []),
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><title>' + escapeHtml(content.subject) + '</title></head>',
    '<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
    `<p>Bonjour ${escapeHtml(to.name)},</p>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.list?.length
      ? ['<ul>', ...content.list.map((l) => (typeof l === 'string' ? `<li>${escapeHtml(l)}</li>` : `<li><a href="${escapeHtml(links.base + l.path)}">${escapeHtml(l.text)}</a></li>`)), '</ul>']
      : []),
    ...(url ? [`<p><a href="${escapeHtml(url)}">${escapeHtml(content.action!.label)}</a></p>`] : []),
    '<hr>',
    '<p style="font-size:90%">Ensemble, la consultation des Missions Locales',
    ...(links.unsubscribe ? [`<br><a href="${escapeHtml(links.unsubscribe)}">Ne plus recevoir ce type de courriel</a>`] : []),
    '</p>',
    '</body></html>',
    '',
  ].join('\n');
  return { subject: content.subject, text, html };
}
