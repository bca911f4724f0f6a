import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

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

/** Plain text from Markdown (for PDF, excerpts, search): rendered then stripped of every tag. */
export function markdownToText(source: string | null | undefined): string {
  if (!source) return '';
  const text = sanitizeHtml(marked.parse(source) as string, { allowedTags: [], allowedAttributes: {} });
  // The sanitiser escapes what it keeps as text; plain text wants the characters themselves.
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
