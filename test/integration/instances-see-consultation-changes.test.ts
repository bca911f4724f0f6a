import { expect } from 'chai';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser } from '../support/app';
import { makeConsultation } from '../support/factories';
import { setOverrides } from '../../src/modules/consultations/queries';

/**
 * A consultation, its phases and its themes are kept in memory by each instance (issue 13, item 1):
 * asking for them again costs no query; a change made through another instance (another connection:
 * its triggers move the consultation's row of cache_versions) is seen within the check bound, and a
 * change made through the same instance at once.
 */
describe('Each instance keeps the consultation in memory and sees changes made elsewhere', () => {
  const CHECK_MS = 300;
  let t: TestDb;
  let otherDb: Knex;
  let app: Express;
  let consultation: { id: number; slug: string; themes: Record<string, number> };
  let agent: Awaited<ReturnType<typeof loginAs>>;

  before(async () => {
    t = await freshDb();
    otherDb = t.open();
    app = buildApp(t.db, { CONSULTATION_CACHE_CHECK_MS: String(CHECK_MS) });
    consultation = await makeConsultation(t.db, { slug: 'memoire', title: 'Consultation en mémoire', contributions_open: true }, { themes: [{ code: 'T1', title: 'Outils du conseiller', position: 1 }] });
    const person = await makeUser(t.db, 'contributeur');
    agent = await loginAs(app, person.email);
  });
  after(async () => {
    await otherDb.destroy();
    await t.destroy();
  });

  const form = () => agent.get(`/consultations/${consultation.slug}/contribuer`);

  it('reads the consultation, its phases and themes from memory on the next request', async () => {
    expect((await form()).text).to.contain('name="body"');
    const tables: string[] = [];
    const listen = (q: { sql: string }) => {
      const m = /\bfrom\s+[`"]?(consultations|consultation_phases|themes)[`"]?/i.exec(q.sql);
      if (m) tables.push(m[1]!);
    };
    t.db.on('query', listen);
    try {
      const again = await form();
      expect(again.status).to.equal(200);
      expect(again.text).to.contain('name="body"').and.contain('Outils du conseiller');
    } finally {
      t.db.off('query', listen);
    }
    expect(tables).to.deep.equal([]);
  });

  it('sees a change made through another instance within the bound', async () => {
    expect((await form()).text).to.contain('Outils du conseiller');
    const changedAt = Date.now();
    await otherDb.transaction(async (trx) => {
      await trx('consultations').where({ id: consultation.id }).update({ contributions_open: false });
      await trx('themes').insert({ consultation_id: consultation.id, code: 'T2', title: 'Mobilité des jeunes', description_md: '', position: 2 });
    });
    let page = await form();
    while (page.text.includes('name="body"') && Date.now() - changedAt < CHECK_MS + 2000) {
      await new Promise((r) => setTimeout(r, 25));
      page = await form();
    }
    expect(page.text).to.contain('Dépôt fermé').and.not.contain('name="body"');
    // Within the bound, give or take a loaded machine's scheduling.
    expect(Date.now() - changedAt).to.be.below(CHECK_MS + 1500);

    await otherDb('consultations').where({ id: consultation.id }).update({ contributions_open: true });
    const reopenedAt = Date.now();
    page = await form();
    while (!page.text.includes('Mobilité des jeunes') && Date.now() - reopenedAt < CHECK_MS + 2000) {
      await new Promise((r) => setTimeout(r, 25));
      page = await form();
    }
    expect(page.text).to.contain('name="body"').and.contain('Mobilité des jeunes');
  });

  it('sees at once a change made through the same instance, whatever the bound', async () => {
    const slow = buildApp(t.db, { CONSULTATION_CACHE_CHECK_MS: '60000' });
    const person = await makeUser(t.db, 'contributeur');
    const own = await loginAs(slow, person.email);
    expect((await own.get(`/consultations/${consultation.slug}/contribuer`)).text).to.contain('name="body"');
    // The consultations module's write, in a transaction as a use case runs it: seen once committed.
    await t.db.transaction((trx) => setOverrides(trx, consultation.id, { contributions_open: false, consolidation_open: null, ambassador_call_open: null }));
    expect((await own.get(`/consultations/${consultation.slug}/contribuer`)).text).to.contain('Dépôt fermé');
    await setOverrides(t.db, consultation.id, { contributions_open: true, consolidation_open: null, ambassador_call_open: null });
    expect((await own.get(`/consultations/${consultation.slug}/contribuer`)).text).to.contain('name="body"');
  });

  it('moves the version of a consultation on every write to it, its phases or its themes, on both engines', async () => {
    const version = async () => Number((await t.db('cache_versions').where({ consultation_id: consultation.id }).first('version')).version);
    const v0 = await version();
    await otherDb('consultation_phases').insert({ consultation_id: consultation.id, kind: 'suivi', title: 'Suivi', starts_on: '2030-01-01', ends_on: '2030-12-31', position: 6, description_md: '' });
    const v1 = await version();
    await otherDb('themes').where({ consultation_id: consultation.id, code: 'T2' }).delete();
    const v2 = await version();
    await otherDb('consultation_phases').where({ consultation_id: consultation.id }).update({ title: 'Suivi de la prise en compte' });
    const v3 = await version();
    expect([v1 > v0, v2 > v1, v3 > v2]).to.deep.equal([true, true, true]);
    const created = await makeConsultation(otherDb, { slug: 'nouvelle-memoire', title: 'Une autre' });
    expect(Number((await t.db('cache_versions').where({ consultation_id: created.id }).first('version')).version)).to.be.at.least(1);
  });
});
