/**
 * French typography for published text (the white paper's HTML and PDF): a non-breaking space before
 * « : » and inside guillemets, a narrow one before « ; ! ? », as the Imprimerie nationale's rules ask,
 * so that a line never starts with a colon or a question mark. Only spaces already typed are replaced
 * (and guillemets always padded): adding a space where there was none would break URLs (« ?q= ») and
 * times (« 10:30 »).
 */
const NBSP = '\u00A0';
const NNBSP = '\u202F';

export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00A0\u202F]+([;!?])/g, `${NNBSP}$1`)
    .replace(/[ \u00A0\u202F]+:/g, `${NBSP}:`)
    .replace(/«[ \u00A0\u202F]*/g, `«${NBSP}`)
    .replace(/[ \u00A0\u202F]*»/g, `${NBSP}»`);
}
