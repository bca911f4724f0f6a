/**
 * Speed and memory of the white paper's PDF: the demo-size document (88 needs, median of 5 runs) and a
 * 10 000-need document (once), each streamed to a file under the system's temporary folder. Figures
 * are also given as ratios against a bare baseline measured in the same run: serialising the same
 * document to JSON and writing it to a file. Not a test: nothing is asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { renderWhitePaperPdf } from '../src/modules/whitepaper/pdf/render-pdf';
import type { WhitePaperDocument } from '../src/modules/whitepaper/document';
import { sampleDocument } from '../test/support/whitepaper-fixture';
import { createDb, migrateLatest } from '../src/shared/db';
import { assembleDocument, renderPdfInWorker } from '../src/modules/whitepaper';
import { DEMO_SLUG, seedDemo } from '../seeds/demo';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-pdf-'));
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} Mo`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** Peak RSS and heap, sampled while a rendering runs (the process's own high-water mark never goes down). */
function sampler() {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  return () => {
    clearInterval(timer);
    const m = process.memoryUsage();
    return { rss: Math.max(rss, m.rss), heap: Math.max(heap, m.heapUsed) };
  };
}

async function baseline(doc: WhitePaperDocument): Promise<number> {
  const t0 = performance.now();
  const out = fs.createWriteStream(path.join(dir, 'baseline.json'));
  out.end(JSON.stringify(doc));
  await finished(out);
  return performance.now() - t0;
}

async function render(doc: WhitePaperDocument, name: string) {
  const stop = sampler();
  const t0 = performance.now();
  const { pages, bytes } = await renderWhitePaperPdf(doc, fs.createWriteStream(path.join(dir, name)));
  const time = performance.now() - t0;
  return { time, pages, bytes, ...stop() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The real demo, as the app does it: the document assembled from the database (SQLite, demo loaded),
 * then laid out in the worker thread and streamed to a file.
 */
async function realDemo() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-wp-'));
  const db = createDb({ databaseUrl: undefined, dataDir });
  try {
    await migrateLatest(db);
    await seedDemo(db);
    const consultation = await db('consultations').where({ slug: DEMO_SLUG }).first('id', 'slug', 'title');
    const assemble = () => assembleDocument(db, { consultation: { id: Number(consultation.id), slug: consultation.slug, title: consultation.title }, author: 'DSI', edition: null });
    await assemble();
    const a0 = performance.now();
    const doc = await assemble();
    const assembleMs = performance.now() - a0;
    const times: number[] = [];
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const out = fs.createWriteStream(path.join(dir, 'demo-reel.pdf'));
      pages = (await renderPdfInWorker(doc, out)).pages;
      await finished(out);
      times.push(performance.now() - t0);
    }
    const b = await baseline(doc);
    const t = median(times);
    process.stdout.write(
      `Démo réelle (base SQLite) : assemblage ${ms(assembleMs)}, PDF ${ms(t)} dans le fil de travail (médiane de 3), ${pages} pages — ` +
        `total ${ms(assembleMs + t)} (objectif < 2 s) ; base JSON ${b.toFixed(2)} ms → rendu = ${(t / b).toFixed(0)} × la base\n`,
    );
  } finally {
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  await realDemo();
  const demo = sampleDocument(88, { demoFigures: true });
  await render(demo, 'warm-up.pdf');
  const runs = [];
  const bases = [];
  for (let i = 0; i < 5; i++) {
    bases.push(await baseline(demo));
    runs.push(await render(demo, 'demo.pdf'));
  }
  const t = median(runs.map((r) => r.time));
  const b = median(bases);
  const r0 = runs[0]!;
  process.stdout.write(
    `88 besoins : ${ms(t)} (médiane de 5), ${r0.pages} pages, ${mb(r0.bytes)}, RSS max ${mb(Math.max(...runs.map((r) => r.rss)))}, tas max ${mb(Math.max(...runs.map((r) => r.heap)))}\n` +
      `  base JSON : ${b.toFixed(2)} ms → rendu = ${(t / b).toFixed(0)} × la base\n`,
  );

  const big = sampleDocument(10_000, { demoFigures: true });
  const bigBase = await baseline(big);
  if (global.gc) global.gc();
  const r = await render(big, 'big.pdf');
  process.stdout.write(
    `10 000 besoins : ${ms(r.time)}, ${r.pages} pages, ${mb(r.bytes)}, RSS max ${mb(r.rss)}, tas max ${mb(r.heap)}\n` +
      `  base JSON : ${bigBase.toFixed(0)} ms → rendu = ${(r.time / bigBase).toFixed(0)} × la base\n` +
      `Fichiers dans ${dir}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
