import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { allNeeds, type WhitePaperDocument } from '../document';
import { Composer } from './composer';
import { fontSource } from './fonts';
import { createPdf, type Pdf } from './pdfkit-api';
import { PAGE } from './style';
import { compose, shortTitleOf } from './sections';

/**
 * The white paper as a tagged, accessible PDF (PDF 1.7, PDF/UA identification, embedded Source Sans 3).
 *
 * Two passes over the same layout code: the first, with painting switched off (see Composer), learns
 * on which page every chapter and need lands and how many pages there are; the second prints for real
 * with those numbers in the table of contents, the index and the footers, and checks that every
 * destination falls on the page the first pass found. The output is never held whole: each page is
 * written as soon as it is finished, and the layout waits while the destination is slow. What memory
 * grows with is pdfkit's bookkeeping of the document's objects (kept for the cross-reference table,
 * the structure tree and the bookmarks, written at the end): a few kilobytes per need.
 */
export type ProgressFn = (done: number, total: number) => void | Promise<void>;

export interface RenderOptions {
  /** Called after each need laid out: `done` of `total` (the first pass counts as the first half). */
  onProgress?: ProgressFn;
}

/** Size of the writes made to the destination. */
const CHUNK = 64 * 1024;

interface PassResult {
  pages: number;
  bytes: number;
  destinations: Map<string, number>;
}

/**
 * Moves pdfkit's output to the sink. pdfkit emits a chunk per line of PDF syntax (millions for a large
 * document, each an object of its own): they are gathered into CHUNK-sized writes, far cheaper for the
 * sink (a socket, a file) and for memory. pdfkit itself is never paused (its finalisation, one
 * synchronous burst, would then pile up millions of small chunks); instead the layout waits, between
 * two needs, while the sink asks to (back-pressure at the only points where waiting is possible).
 */
class Outlet {
  bytes = 0;
  private needDrain = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private done = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly pdf: Pdf,
    private readonly sink: Writable,
  ) {
    pdf.on('data', (chunk: Buffer) => {
      this.bytes += chunk.length;
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes >= CHUNK) this.flush();
    });
    sink.on('drain', () => {
      this.needDrain = false;
      this.wake?.();
    });
    sink.on('error', (err: Error) => this.fail(err));
    sink.on('close', () => {
      if (!this.done) this.fail(new Error('destination fermée avant la fin du PDF'));
    });
  }

  private flush(): void {
    if (!this.pendingBytes || this.failure) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.sink.write(data)) this.needDrain = true;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }

  async relieve(): Promise<void> {
    if (this.failure) throw this.failure;
    // Until the first tick, pdfkit's stream holds its output (it starts flowing asynchronously).
    if (this.pdf.readableLength > 0) await new Promise((resolve) => setImmediate(resolve));
    while (this.needDrain && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<void> {
    const ended = once(this.pdf, 'end');
    this.pdf.end();
    await ended;
    this.flush();
    if (this.failure) throw this.failure;
    this.done = true;
    this.sink.end();
    await finished(this.sink);
  }
}

function newPdf(doc: WhitePaperDocument, compress: boolean): Pdf {
  return createPdf({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    compress,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    // The default font is ours too, so no standard-14 font is ever loaded or referenced.
    font: fontSource('regular'),
    info: {
      Title: doc.title,
      Author: doc.author,
      Subject: `Livre blanc de la consultation « ${doc.consultation.title} »`,
      Keywords: 'livre blanc, Missions Locales, consultation, besoins, propositions',
      Creator: 'Ensemble',
      // Dated by the data, not by the rendering: the same edition gives the same document information.
      CreationDate: new Date(doc.edition?.publishedAt ?? doc.generatedAt),
      ModDate: new Date(doc.edition?.publishedAt ?? doc.generatedAt),
    },
  });
}

/** First pass: the layout alone (nothing painted, nothing written), for the pages of every destination. */
async function layoutPass(doc: WhitePaperDocument, needDone: () => Promise<void>): Promise<PassResult> {
  // The document only lends its fonts for measuring: it gets no page and is never ended.
  const c = new Composer(newPdf(doc, false), { pages: null, total: null }, shortTitleOf(doc));
  const relieve = () => new Promise<void>((resolve) => setImmediate(resolve));
  let n = 0;
  await compose(c, doc, {
    needDone: async () => {
      c.maintain();
      await needDone();
      // Other work of the thread (an HTTP server) gets its turn now and then.
      if (++n % 50 === 0) await relieve();
    },
    relieve,
  });
  return { pages: c.pageNo, bytes: 0, destinations: c.destPages };
}

/** Second pass: the same layout, painted and streamed to `sink`, with the page numbers of the first. */
async function printPass(doc: WhitePaperDocument, sink: Writable, known: PassResult, needDone: () => Promise<void>): Promise<PassResult> {
  const pdf = newPdf(doc, true);
  const outlet = new Outlet(pdf, sink);
  const c = new Composer(pdf, { pages: known.destinations, total: known.pages }, shortTitleOf(doc));
  try {
    await compose(c, doc, {
      needDone: async () => {
        c.maintain();
        await needDone();
        await outlet.relieve();
      },
      relieve: () => outlet.relieve(),
    });
    await outlet.finish();
  } catch (err) {
    pdf.destroy();
    throw err;
  }
  return { pages: c.pageNo, bytes: outlet.bytes, destinations: c.destPages };
}

/**
 * Streams the PDF of `doc` into `out` (an HTTP response, a file) and ends it; resolves with the page
 * count and the number of bytes written. Rejects (and stops laying out) if `out` fails or closes early.
 */
export async function renderWhitePaperPdf(doc: WhitePaperDocument, out: NodeJS.WritableStream, opts: RenderOptions = {}): Promise<{ pages: number; bytes: number }> {
  const needs = allNeeds(doc).length;
  const total = 2 * needs;
  let done = 0;
  const tick = async () => {
    done++;
    await opts.onProgress?.(done, total);
  };
  const first = await layoutPass(doc, tick);
  const second = await printPass(doc, out as Writable, first, tick);
  assertSameLayout(first, second);
  return { pages: second.pages, bytes: second.bytes };
}

/** The whole PDF in memory (to store a published edition), with its page count. */
export async function renderWhitePaperPdfToBuffer(doc: WhitePaperDocument, opts: RenderOptions = {}): Promise<{ pdf: Buffer; pages: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const { pages } = await renderWhitePaperPdf(doc, sink, opts);
  return { pdf: Buffer.concat(chunks), pages };
}

/** The page numbers printed in pass 2 come from pass 1: they are right only if both laid out alike. */
function assertSameLayout(first: PassResult, second: PassResult): void {
  const moved = [...first.destinations].filter(([name, page]) => second.destinations.get(name) !== page);
  if (first.pages !== second.pages || moved.length || first.destinations.size !== second.destinations.size) {
    throw new Error(`mise en page instable entre les deux passes (${first.pages} puis ${second.pages} pages ; destinations déplacées : ${moved.map(([n]) => n).slice(0, 5).join(', ')})`);
  }
}
