import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { buildApp } from '../support/app';
import { makeConsultation, makeRawContribution } from '../support/factories';
import { currentParticipationFigures } from '../../src/modules/stats';

/**
 * Issue 13: the participation figures are kept in memory per consultation and instance, exact (still
 * computed by stats from the data) and invalidated by the data's stamp read from the database: a write
 * shows on the next read of the same instance, and on another instance sharing the database — at
 * once for a consultation of ordinary size, within the stated bound for one too large to recount at
 * each write.
 */
describe('The DSI reads figures kept in a cache', () => {
  let t: TestDb;
  let other: Knex;
  let app: Express;
  let otherApp: Express;
  const slug = 'chiffres-en-cache';
  let consultationId: number;
  let themeId: number;

  before(async () => {
    t = await freshDb();
    other = t.open();
    app = buildApp(t.db);
    otherApp = buildApp(other);
    const c = await makeConsultation(t.db, { slug }, { themes: [{ code: 'A', title: 'Thème A' }] });
    consultationId = c.id;
    themeId = c.themes.A!;
    for (let i = 0; i < 3; i++) await makeRawContribution(t.db, consultationId, { theme_id: themeId, body: `Contribution ${i}` });
  });
  after(async () => {
    await other?.destroy();
    await t?.destroy();
  });

  const shown = async (a: Express) => {
    const res = await request(a).get(`/consultations/${slug}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.match(/Chiffres à jour à \d{1,2} h \d{2}\./);
    return Number(/<dt>Contributions<\/dt><dd>(\d+)<\/dd>/.exec(res.text)![1]);
  };

  it('shows a write on the next read of the same instance, and on the next read of another one', async () => {
    expect(await shown(app)).to.equal(3);
    expect(await shown(otherApp)).to.equal(3);
    await makeRawContribution(t.db, consultationId, { theme_id: themeId, body: 'Une quatrième' });
    expect(await shown(app)).to.equal(4);
    expect(await shown(otherApp)).to.equal(4);
    // A withdrawal changes no id, only the latest change: still seen.
    const last = await t.db('raw_contributions').where({ consultation_id: consultationId }).max({ id: 'id' }).first();
    await t.db('raw_contributions').where({ id: last!.id }).update({ status: 'retiree', updated_at: new Date(Date.now() + 1000).toISOString() });
    expect(await shown(otherApp)).to.equal(3);
    expect(await shown(app)).to.equal(3);
  });

  it('keeps a large consultation’s figures through a burst of writes, then shows them within the bound', async () => {
    // No contribution is recounted within a request: the other instance treats this consultation as
    // one too large to recount at each write (as a million contributions are), with a 300 ms bound.
    const options = { syncLimit: 0, refreshMs: 300 };
    const before = await currentParticipationFigures(other, consultationId, options);
    expect(before.current).to.equal(true);
    const count = before.value.rawContributions;
    await makeRawContribution(t.db, consultationId, { theme_id: themeId, body: 'Pendant la rafale' });
    const during = await currentParticipationFigures(other, consultationId, options);
    expect(during.current).to.equal(false);
    expect(during.value.rawContributions).to.equal(count);
    expect(during.asOf.getTime()).to.be.at.most(Date.now());
    const written = Date.now();
    let after = during;
    while (after.value.rawContributions === count && Date.now() - written < 5000) {
      await new Promise((r) => setTimeout(r, 50));
      after = await currentParticipationFigures(other, consultationId, options);
    }
    expect(after.value.rawContributions).to.equal(count + 1);
    expect(after.current).to.equal(true);
    // Bound: the refresh delay plus one computation (generous margin for a loaded CI machine).
    expect(Date.now() - written).to.be.below(300 + 2000);
  });
});
