import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { freshDb, type TestDb } from '../support/db';
import { makeUser } from '../support/app';
import { makeConsultation, makeTheme } from '../support/factories';
import { analyseImport, fileSource, runImport } from '../../src/modules/imports';

/** Rows of the large-file test; IMPORT_TEST_ROWS lets a machine run it at another size. */
const ROWS = Number(process.env.IMPORT_TEST_ROWS ?? 100_000);
const HEAP_BUDGET = 300 * 1024 * 1024;

/**
 * A 100,000-row file (the bound) is previewed then imported in one transaction, as a stream: the
 * heap never grows by more than HEAP_BUDGET, whatever the file's size.
 */
describe('The DSI imports a file of 100,000 contributions in bounded memory', function () {
  this.timeout(180_000);
  let t: TestDb;
  let consultationId: number;
  let dsiId: number;
  let file: string;

  before(async () => {
    t = await freshDb();
    consultationId = (await makeConsultation(t.db, { slug: 'grande', title: 'Grande consultation' })).id;
    await makeTheme(t.db, consultationId, { code: 'USAGERS', title: 'Accompagnement des usagers' });
    dsiId = (await makeUser(t.db, 'dsi')).id;
    file = path.join(t.dataDir, 'grand.csv');
    const out = fs.createWriteStream(file);
    out.write('texte;référence;thématique;auteur;date\n');
    for (let i = 1; i <= ROWS; i++) {
      const line = `Contribution ${i} : les jeunes accompagnés demandent un suivi plus simple des démarches et des rendez-vous;R-${i};${i % 3 ? 'USAGERS' : ''};Auteur ${i % 811};${1 + (i % 28)}/03/2024\n`;
      if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  });
  after(() => t.destroy());

  it(`previews and imports ${ROWS.toLocaleString('fr-FR')} rows with a bounded heap`, async () => {
    const start = process.memoryUsage().heapUsed;
    let peak = start;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
    const progress: number[] = [];
    const t0 = Date.now();

    const analysis = await analyseImport(t.db, consultationId, fileSource('grand.csv', file), { onProgress: sample });
    expect(analysis.fileErrors).to.deep.equal([]);
    expect(analysis.errorRows).to.equal(0);
    expect(analysis.toCreate).to.equal(ROWS);
    expect(analysis.sample).to.have.length(200);
    const previewMs = Date.now() - t0;

    const outcome = await runImport(t.db, {
      consultationId,
      actorId: dsiId,
      source: fileSource('grand.csv', file),
      onProgress: (n) => {
        sample();
        if (n % 10_000 === 0) progress.push(n);
      },
    });
    const totalMs = Date.now() - t0;
    expect(outcome).to.deep.equal({ ok: true, rowsTotal: ROWS, created: ROWS, skipped: 0 });
    expect(Number((await t.db('raw_contributions').where({ consultation_id: consultationId }).count({ n: '*' }).first())!.n)).to.equal(ROWS);
    expect(progress.length).to.be.greaterThan(0);
    const growth = peak - start;
    // eslint-disable-next-line no-console
    console.log(`      ${ROWS} lignes : aperçu ${(previewMs / 1000).toFixed(1)} s, total ${(totalMs / 1000).toFixed(1)} s, tas +${Math.round(growth / 1048576)} Mo au plus`);
    expect(growth).to.be.below(HEAP_BUDGET);
    expect(totalMs).to.be.below(120_000);
  });
});
