/**
 * `node dist/bench/demo-seed.js`: seeds the demo into fresh databases (SQLite, or PostgreSQL when
 * DATABASE_URL is set), prints the median load time and the demo's fingerprint per table
 * (test/support/demo-fingerprint.ts). Used to show that a change to how the seed writes its rows
 * changes neither what it writes nor how fast. Not a test: nothing is asserted.
 */
import { seedDemo } from '../seeds/demo';
import { demoFingerprint } from '../test/support/demo-fingerprint';
import { freshDb } from '../test/support/db';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main(): Promise<void> {
  const times: number[] = [];
  const loads: number[] = [];
  let fingerprint: Awaited<ReturnType<typeof demoFingerprint>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = await freshDb();
    try {
      const start = process.hrtime.bigint();
      // The rows are in once seedDemo reports the load; the rest is the edition's publication (its PDF).
      let loaded = 0;
      await seedDemo(t.db, { log: (msg) => void (msg.startsWith('Démonstration chargée') && (loaded = Number(process.hrtime.bigint() - start) / 1e6)) });
      loads.push(loaded);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!fingerprint) fingerprint = await demoFingerprint(t.db);
    } finally {
      await t.destroy();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  const all = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  process.stdout.write(`seedDemo, rows loaded: median ${median(loads)} ms over ${RUNS} runs (${all(loads)})\n`);
  process.stdout.write(`seedDemo, with the edition: median ${median(times)} ms (${all(times)})\n`);
  for (const [table, f] of Object.entries(fingerprint ?? {})) process.stdout.write(`${table.padEnd(28)} ${String(f.rows).padStart(5)}  ${f.sha256}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err instanceof Error ? err.stack : err)}\n`);
  process.exitCode = 1;
});
