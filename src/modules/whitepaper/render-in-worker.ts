import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PassThrough, type Writable } from 'node:stream';
import type { WhitePaperDocument } from './document';

/**
 * The PDF is laid out in worker threads: a large document takes tens of seconds of CPU, during which
 * the web server must keep answering (including the page that shows this very progress). Workers are
 * kept between documents, so that fonts are parsed and code is compiled once (a cold worker costs more
 * than a whole warm demo document); at most MAX_WORKERS lay out at once, others wait their turn. Idle
 * workers do not keep the process alive (unref), so the CLI and the tests exit normally.
 */
const MAX_WORKERS = 2;
/** The heap is bounded: a 10 000-need document needs about 300 MB while pdfkit writes its tables. */
const WORKER_HEAP_MB = 512;

export type Progress = (done: number, total: number) => void | Promise<void>;

type WorkerMessage =
  | { type: 'chunk'; job: number; data: Uint8Array }
  | { type: 'progress'; job: number; done: number; total: number }
  | { type: 'done'; job: number; pages: number }
  | { type: 'error'; job: number; message: string };

const idle: Worker[] = [];
let alive = 0;
const waiting: Array<(w: Worker) => void> = [];
let nextJob = 0;

function spawn(): Worker {
  alive++;
  const worker = new Worker(path.join(__dirname, 'pdf-worker.js'), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  worker.once('exit', () => {
    alive--;
    const i = idle.indexOf(worker);
    if (i >= 0) idle.splice(i, 1);
  });
  return worker;
}

async function acquire(): Promise<Worker> {
  const worker = idle.pop() ?? (alive < MAX_WORKERS ? spawn() : await new Promise<Worker>((resolve) => waiting.push(resolve)));
  worker.ref();
  return worker;
}

/** A worker that finished cleanly goes back to the pool (or to whoever waits); a failed one is replaced. */
function release(worker: Worker, healthy: boolean): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  if (!healthy) {
    void worker.terminate();
    const next = waiting.shift();
    if (next) next(spawnAfterExit());
    return;
  }
  worker.unref();
  const next = waiting.shift();
  if (next) {
    worker.ref();
    next(worker);
  } else idle.push(worker);
}

// A terminated worker's slot is counted until its exit event; the replacement may briefly exceed the bound.
function spawnAfterExit(): Worker {
  const w = spawn();
  w.ref();
  return w;
}

/** Streams the PDF of `doc` into `out` (an HTTP response, a file); resolves with its page count and size. */
export async function renderPdfInWorker(doc: WhitePaperDocument, out: Writable, onProgress?: Progress): Promise<{ pages: number; bytes: number }> {
  const worker = await acquire();
  const job = ++nextJob;
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let settled = false;
    const settle = (healthy: boolean) => {
      settled = true;
      out.off('close', early);
      worker.off('exit', exited);
      release(worker, healthy);
    };
    const fail = (err: Error) => {
      if (settled) return;
      settle(false);
      reject(err);
    };
    const exited = (code: number) => fail(new Error(`le rendu du PDF s'est arrêté (code ${code})`));
    // A client that goes away (closed tab) stops the layout instead of letting it run for nothing.
    const early = () => fail(new Error('destination fermée avant la fin du PDF'));
    out.once('close', early);
    worker.on('message', (m: WorkerMessage) => {
      if (m.job !== job || settled) return;
      if (m.type === 'chunk') {
        bytes += m.data.byteLength;
        out.write(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
      } else if (m.type === 'progress') {
        void Promise.resolve(onProgress?.(m.done, m.total)).catch(() => undefined);
      } else if (m.type === 'done') {
        settle(true);
        // end(callback) is not used: express-session wraps res.end and takes its first argument for data.
        out.once('finish', () => resolve({ pages: m.pages, bytes }));
        out.end();
      } else fail(new Error(m.message));
    });
    worker.on('error', fail);
    worker.once('exit', exited);
    worker.postMessage({ type: 'render', job, doc });
  });
}

/** The whole PDF in memory (to store a published edition), with its page count. */
export async function renderPdfBufferInWorker(doc: WhitePaperDocument, onProgress?: Progress): Promise<{ pdf: Buffer; pages: number }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const { pages } = await renderPdfInWorker(doc, sink, onProgress);
  return { pdf: Buffer.concat(chunks), pages };
}
