import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { formatNumber } from './i18n';

/**
 * The only place that turns Markdown into HTML. Output is always sanitised: no script, no raw HTML
 * from the author, no remote image (the app must work on a closed network and must not leak readers).
 */
const marked = new Marked({ gfm: true, breaks: true, async: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
    'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], th: ['scope'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Headings from authors are demoted (h1 → h2): the page keeps its own single h1.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
  allowedSchemesAppliedToAttributes: ['href'],
  disallowedTagsMode: 'discard',
};

export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  return sanitizeHtml(marked.parse(source) as string, ALLOWED);
}

// ---- Figures named in editorial text: « {{ateliers}} ateliers » ----

/** `{{ name }}`: a figure inserted by its name; anything between the braces is a name (checked by the caller). */
const PLACEHOLDER = /\{\{\s*([^{}\n]{1,60}?)\s*\}\}/g;

/** The names a text inserts, in order of first use, each once. */
export function placeholdersIn(md: string): string[] {
  return [...new Set([...md.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * The text with each known name replaced by its value in French (« 1 193 », a narrow no-break space
 * between thousands). Only formatted numbers are inserted — digits and spaces, nothing Markdown or HTML
 * could read — so the text is rendered and sanitised afterwards exactly as before. An unknown name is
 * left as written (the editorial form refuses it; publication lists it as missing).
 */
export function fillPlaceholders(md: string, values: Readonly<Record<string, number>>): string {
  return md.replace(PLACEHOLDER, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) && Number.isFinite(values[name]) ? formatNumber(values[name]!) : whole));
}

/** Plain text from Markdown (for PDF, excerpts, search): rendered then stripped of every tag. */
export function markdownToText(source: string | null | undefined): string {
  if (!source) return '';
  const text = sanitizeHtml(marked.parse(source) as string, { allowedTags: [], allowedAttributes: {} });
  // The sanitiser escapes what it keeps as text; plain text wants the characters themselves.
  return decodeEntities(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ---- Sanitised block model (the PDF prints these; the HTML goes through renderMarkdown) ----

/** A piece of inline text with one style. `href` is only ever http(s) or mailto. */
export interface MdRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  href?: string;
}

export interface MdListItem {
  blocks: MdBlock[];
  /** Task lists (`- [x]`): the box's state; absent for an ordinary item. */
  checked?: boolean;
}

export type MdBlock =
  | { type: 'heading'; level: 2 | 3 | 4 | 5 | 6; runs: MdRun[] }
  | { type: 'paragraph'; runs: MdRun[] }
  | { type: 'list'; ordered: boolean; start: number; items: MdListItem[] }
  | { type: 'blockquote'; blocks: MdBlock[] }
  | { type: 'code'; text: string }
  | { type: 'hr' }
  | { type: 'table'; header: string[]; rows: string[][] };

/** Minimal view of marked's tokens: only the fields read below (marked's own types are a wide union). */
interface Tok {
  type: string;
  text?: string;
  raw?: string;
  depth?: number;
  href?: string;
  ordered?: boolean;
  start?: number | '';
  task?: boolean;
  checked?: boolean;
  tokens?: Tok[];
  items?: Tok[];
  header?: Array<{ tokens: Tok[] }>;
  rows?: Array<Array<{ tokens: Tok[] }>>;
}

type Style = Omit<MdRun, 'text'>;

const SAFE_HREF = /^(https?:\/\/|mailto:)[^\s\u0000-\u001f]*$/i;
/** Raw HTML elements whose content is not text either (as the sanitiser's nonTextTags). */
const SWALLOWED = new Set(['script', 'style', 'textarea', 'noscript', 'iframe', 'object', 'template', 'title']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };
/** marked leaves entities typed by the author (« &amp; », « &#233; ») in text tokens; plain text wants characters. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * Markdown as sanitised blocks, for renderers that do not print HTML (the PDF). The same guarantees as
 * renderMarkdown: raw HTML is dropped (block and inline, with the content of script-like elements),
 * images become their alternative text (nothing is ever fetched), links keep an address only when it
 * is http(s) or mailto, author headings are demoted (h1 → 2). Typography is left to the renderer.
 */
export function markdownBlocks(source: string | null | undefined): MdBlock[] {
  if (!source) return [];
  return blocksOf(marked.lexer(source) as unknown as Tok[]);
}

function blocksOf(tokens: Tok[]): MdBlock[] {
  const out: MdBlock[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const runs = runsOf(t.tokens ?? []);
        if (runs.length) out.push({ type: 'heading', level: Math.min(6, Math.max(2, t.depth ?? 2)) as 2 | 3 | 4 | 5 | 6, runs });
        break;
      }
      case 'paragraph':
      case 'text': {
        const runs = runsOf(t.tokens ?? [{ type: 'text', text: t.text ?? '' }]);
        if (runs.length) out.push({ type: 'paragraph', runs });
        break;
      }
      case 'list': {
        const items: MdListItem[] = (t.items ?? []).map((it) => {
          const blocks = blocksOf((it.tokens ?? []).filter((c) => c.type !== 'checkbox'));
          return it.task ? { blocks, checked: !!it.checked } : { blocks };
        });
        if (items.length) out.push({ type: 'list', ordered: !!t.ordered, start: typeof t.start === 'number' ? t.start : 1, items });
        break;
      }
      case 'blockquote': {
        const blocks = blocksOf(t.tokens ?? []);
        if (blocks.length) out.push({ type: 'blockquote', blocks });
        break;
      }
      case 'code':
        out.push({ type: 'code', text: t.text ?? '' });
        break;
      case 'hr':
        out.push({ type: 'hr' });
        break;
      case 'table':
        out.push({
          type: 'table',
          header: (t.header ?? []).map((c) => plainOf(c.tokens)),
          rows: (t.rows ?? []).map((r) => r.map((c) => plainOf(c.tokens))),
        });
        break;
      // 'html' (raw HTML: dropped entirely), 'space', 'def' (link definitions) and unknown tokens print nothing.
      default:
        break;
    }
  }
  return out;
}

const plainOf = (tokens: Tok[]): string =>
  runsOf(tokens)
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

/** Inline tokens → runs, adjacent runs of the same style merged, leading/trailing blanks trimmed. */
function runsOf(tokens: Tok[]): MdRun[] {
  const runs: MdRun[] = [];
  const state = { swallow: null as string | null };
  collect(tokens, {}, runs, state);
  const merged: MdRun[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && last.bold === r.bold && last.italic === r.italic && last.code === r.code && last.href === r.href) last.text += r.text;
    else if (r.text) merged.push({ ...r });
  }
  if (merged.length) {
    merged[0]!.text = merged[0]!.text.replace(/^[ \t\n]+/, '');
    const last = merged[merged.length - 1]!;
    last.text = last.text.replace(/[ \t\n]+$/, '');
  }
  return merged.filter((r) => r.text.length > 0);
}

function push(runs: MdRun[], text: string, style: Style): void {
  const run: MdRun = { text };
  if (style.bold) run.bold = true;
  if (style.italic) run.italic = true;
  if (style.code) run.code = true;
  if (style.href) run.href = style.href;
  runs.push(run);
}

function collect(tokens: Tok[], style: Style, runs: MdRun[], state: { swallow: string | null }): void {
  for (const t of tokens) {
    if (t.type === 'html') {
      // Inline raw HTML: the tags vanish; the text between a <script> and its </script> vanishes too.
      const tag = /^<\s*(\/?)\s*([a-z][a-z0-9-]*)/i.exec(t.text ?? '');
      if (tag) {
        const name = tag[2]!.toLowerCase();
        if (!tag[1] && SWALLOWED.has(name) && !/<\/\s*[a-z]/i.test((t.text ?? '').slice(1))) state.swallow = name;
        else if (tag[1] && state.swallow === name) state.swallow = null;
      }
      continue;
    }
    if (state.swallow) continue;
    switch (t.type) {
      case 'strong':
        collect(t.tokens ?? [], { ...style, bold: true }, runs, state);
        break;
      case 'em':
        collect(t.tokens ?? [], { ...style, italic: true }, runs, state);
        break;
      case 'del':
        collect(t.tokens ?? [], style, runs, state);
        break;
      case 'codespan':
        push(runs, decodeEntities(t.text ?? ''), { ...style, code: true });
        break;
      case 'br':
        push(runs, '\n', style);
        break;
      case 'link': {
        const href = (t.href ?? '').trim();
        const safe = SAFE_HREF.test(href) && !style.href ? href : undefined;
        collect(t.tokens ?? [], safe ? { ...style, href: safe } : style, runs, state);
        break;
      }
      case 'image':
        // Never fetched: its alternative text stands in for it (nothing when it has none).
        if (t.text) push(runs, decodeEntities(t.text), style);
        break;
      case 'checkbox':
        break;
      case 'escape':
        push(runs, t.text ?? '', style);
        break;
      default:
        if (t.tokens && t.tokens.length) collect(t.tokens, style, runs, state);
        else push(runs, decodeEntities(t.text ?? ''), style);
    }
  }
}
