import { parentPort } from 'node:worker_threads';
import { Writable } from 'node:stream';
import type { WhitePaperDocument } from './document';
import { renderWhitePaperPdf } from './pdf/render-pdf';

/**
 * Worker thread entry (see render-in-worker.ts): lays out one document at a time, posting its bytes to
 * the main thread as they are produced, with the progress, then the page count. The worker lives on
 * between documents, so its fonts and compiled code stay warm.
 */
const port = parentPort!;

port.on('message', (m: { type: 'render'; job: number; doc: WhitePaperDocument }) => {
  if (m.type !== 'render') return;
  const { job, doc } = m;
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      // A copy the main thread owns: pdfkit may reuse its buffers.
      const data = new Uint8Array(chunk.byteLength);
      data.set(chunk);
      port.postMessage({ type: 'chunk', job, data }, [data.buffer]);
      callback();
    },
  });
  renderWhitePaperPdf(doc, out, { onProgress: (done, total) => port.postMessage({ type: 'progress', job, done, total }) })
    .then(({ pages }) => port.postMessage({ type: 'done', job, pages }))
    .catch((err: unknown) => port.postMessage({ type: 'error', job, message: err instanceof Error ? err.message : String(err) }));
});
