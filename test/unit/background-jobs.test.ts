import { expect } from 'chai';
import { failIfStale, isStale, JOB_STALE_MS, jobsSettled, runsHere, startJob, throttledProgress, type JobStore } from '../../src/shared/jobs';

/** A JobStore that records what the helper asked it to write. */
function recordingStore(): JobStore & { writes: Array<[number, number]>; failures: string[] } {
  const writes: Array<[number, number]> = [];
  const failures: string[] = [];
  return {
    writes,
    failures,
    progress: async (done, total) => void writes.push([done, total]),
    fail: async (reason) => void failures.push(reason),
  };
}

const silent = { error: () => undefined };

describe('Background jobs (one helper for imports, publications and draft PDFs)', () => {
  it('writes progress at most once per interval, and always the last step', async () => {
    const writes: number[] = [];
    const progress = throttledProgress(async (done) => void writes.push(done), () => undefined, 60_000);
    for (let done = 1; done <= 10; done++) await progress(done, 10);
    expect(writes).to.deep.equal([1, 10]);
  });

  it('ignores a failed progress write (it is only information) and reports it', async () => {
    const errors: unknown[] = [];
    const progress = throttledProgress(async () => Promise.reject(new Error('connexion perdue')), (err) => errors.push(err), 0);
    await progress(1, 2);
    expect(errors).to.have.length(1);
  });

  it('stores the reason of a job that throws, logs it, and never rejects', async () => {
    const store = recordingStore();
    const logged: string[] = [];
    await startJob({ kind: 'essai', id: 1, store, logger: { error: (_o, msg) => logged.push(msg) }, failureLog: 'échec de l’essai' }, async () => {
      throw new Error('mémoire insuffisante');
    });
    expect(store.failures).to.deep.equal(['mémoire insuffisante']);
    expect(logged).to.deep.equal(['échec de l’essai']);
  });

  it('bounds the stored reason, or lets the module say it in its own words', async () => {
    const store = recordingStore();
    await startJob({ kind: 'essai', id: 2, store, logger: silent, failureLog: 'échec' }, async () => {
      throw new Error('x'.repeat(2000));
    });
    await startJob({ kind: 'essai', id: 3, store, logger: silent, failureLog: 'échec', reasonFor: () => 'Erreur inattendue.' }, async () => {
      throw new Error('détail interne');
    });
    expect(store.failures.map((r) => r.length)).to.deep.equal([500, 'Erreur inattendue.'.length]);
    expect(store.failures[1]).to.equal('Erreur inattendue.');
  });

  it('passes the throttled progress to the work, and nothing fails when the work succeeds', async () => {
    const store = recordingStore();
    await startJob({ kind: 'essai', id: 4, store, logger: silent, failureLog: 'échec' }, async (progress) => {
      await progress(1, 3);
      await progress(2, 3);
      await progress(3, 3);
    });
    expect(store.writes).to.deep.equal([
      [1, 3],
      [3, 3],
    ]);
    expect(store.failures).to.deep.equal([]);
  });

  it('keeps running jobs in one set that shutdown waits for, including jobs started meanwhile', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    void startJob({ kind: 'essai', id: 5, store: recordingStore(), logger: silent, failureLog: 'échec' }, async () => {
      await gate;
      void startJob({ kind: 'essai', id: 6, store: recordingStore(), logger: silent, failureLog: 'échec' }, async () => {
        await new Promise((r) => setTimeout(r, 20));
        order.push('second');
      });
      order.push('first');
    });
    expect(runsHere('essai', 5)).to.equal(true);
    const settled = jobsSettled().then(() => order.push('settled'));
    release();
    await settled;
    expect(order).to.deep.equal(['first', 'second', 'settled']);
    expect(runsHere('essai', 5)).to.equal(false);
  });

  it('judges staleness the same way for every job: « en_cours », silent too long, not running here', async () => {
    const now = Date.now();
    const silentFor = (ms: number) => new Date(now - ms).toISOString();
    expect(isStale('essai', { id: 7, status: 'en_cours', updated_at: silentFor(JOB_STALE_MS + 1000) }, now)).to.equal(true);
    expect(isStale('essai', { id: 7, status: 'en_cours', updated_at: silentFor(JOB_STALE_MS - 1000) }, now)).to.equal(false);
    expect(isStale('essai', { id: 7, status: 'terminee', updated_at: silentFor(JOB_STALE_MS * 10) }, now)).to.equal(false);

    // A job of this process may be silent (an import on SQLite writes nothing until it commits).
    let release!: () => void;
    const job = startJob({ kind: 'essai', id: 8, store: recordingStore(), logger: silent, failureLog: 'échec' }, () => new Promise<void>((r) => (release = r)));
    expect(isStale('essai', { id: 8, status: 'en_cours', updated_at: silentFor(JOB_STALE_MS * 10) }, now)).to.equal(false);
    release();
    await job;
  });

  it('fails a stale job with a stated reason, and leaves a live one alone', async () => {
    const reasons: string[] = [];
    const fail = async (reason: string) => void reasons.push(reason);
    const old = new Date(Date.now() - JOB_STALE_MS - 1000);
    expect(await failIfStale('essai', { id: 9, status: 'en_cours', updated_at: old }, fail)).to.equal(true);
    expect(await failIfStale('essai', { id: 10, status: 'en_cours', updated_at: new Date() }, fail)).to.equal(false);
    expect(reasons).to.deep.equal(['interrompue (aucune nouvelle depuis plusieurs minutes)']);
  });
});
