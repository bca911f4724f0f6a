import { expect } from 'chai';
import type { Express } from 'express';
import type request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { isolateEachTest } from '../support/isolation';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { assignAmbassador, makeConsultation, makeRawContribution } from '../support/factories';
import { isUniqueViolation } from '../../src/modules/consolidation';

describe('Two ambassadors attach the same raw contribution at once', () => {
  let t: TestDb;
  let app: Express;
  let alice: request.Agent;
  let bruno: request.Agent;
  let aliceToken: string;
  let brunoToken: string;
  let themeId: number;
  let consultationId: number;
  const slug = 'deux-ambassadeurs';

  const addRaw = (reference: string) =>
    makeRawContribution(t.db, consultationId, { theme_id: themeId, reference, body: `Texte de ${reference} sur le dossier unique du jeune.` });

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const c = await makeConsultation(t.db, { slug, title: 'Deux ambassadeurs', consolidation_open: true }, { themes: [{ code: 'SOCLE', title: 'Socle' }] });
    [consultationId, themeId] = [c.id, c.themes.SOCLE!];
    const a = await makeUser(t.db, 'ambassadeur', { name: 'Alice' });
    const b = await makeUser(t.db, 'ambassadeur', { name: 'Bruno' });
    for (const u of [a, b]) await assignAmbassador(t.db, consultationId, u.id, themeId);
    alice = await loginAs(app, a.email);
    bruno = await loginAs(app, b.email);
    aliceToken = await tokenFor(alice, `/consultations/${slug}/consolidation`);
    brunoToken = await tokenFor(bruno, `/consultations/${slug}/consolidation`);
  });
  after(() => t.destroy());
  // Each test starts from the rows built above (isolation.ts).
  isolateEachTest(() => t.db);

  async function consolidatedWith(agent: request.Agent, token: string, ids: number[], title: string) {
    const res = await agent.post(`/consultations/${slug}/consolidation/consolidees`).type('form').send({ _csrf: token, ids, title, themeId });
    expect(res.status).to.equal(303);
    return t.db('consolidated_contributions').where({ title }).first();
  }

  it('exactly one wins; the other gets 409 with a French message naming the contribution, and none of their batch applies', async () => {
    const [seedA, seedB, contested, extra] = [await addRaw('SEED-A'), await addRaw('SEED-B'), await addRaw('DISPUTEE-1'), await addRaw('EXTRA-1')];
    const ccA = await consolidatedWith(alice, aliceToken, [seedA], 'Cible d’Alice');
    const ccB = await consolidatedWith(bruno, brunoToken, [seedB], 'Cible de Bruno');

    const [ra, rb] = await Promise.all([
      alice.post(`/consultations/${slug}/consolidation/selection`).type('form').send({ _csrf: aliceToken, operation: 'rattacher', ids: [contested], targetId: ccA.id }),
      bruno.post(`/consultations/${slug}/consolidation/selection`).type('form').send({ _csrf: brunoToken, operation: 'rattacher', ids: [contested, extra], targetId: ccB.id }),
    ]);

    const statuses = [ra.status, rb.status].sort();
    expect(statuses).to.deep.equal([303, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.text).to.contain('viennent d’être rattachées').and.contain('DISPUTEE-1');
    const active = await t.db('consolidation_links').where({ raw_contribution_id: contested }).whereNull('undone_at');
    expect(active).to.have.length(1);
    const winnerTarget = ra.status === 303 ? ccA.id : ccB.id;
    expect(active[0].consolidated_contribution_id).to.equal(winnerTarget);
    if (rb.status === 409) {
      expect(await t.db('consolidation_links').where({ raw_contribution_id: extra }).first(), 'nothing of the losing batch').to.equal(undefined);
      expect((await t.db('raw_contributions').where({ id: extra }).first()).status).to.equal('a_traiter');
    }
  });

  it('two creations racing for the same contributions: one consolidated contribution holds them, the other is not created', async () => {
    const ids = [await addRaw('COURSE-1'), await addRaw('COURSE-2'), await addRaw('COURSE-3')];
    const [ra, rb] = await Promise.all([
      alice.post(`/consultations/${slug}/consolidation/consolidees`).type('form').send({ _csrf: aliceToken, ids, title: 'Course Alice', themeId }),
      bruno.post(`/consultations/${slug}/consolidation/consolidees`).type('form').send({ _csrf: brunoToken, ids, title: 'Course Bruno', themeId }),
    ]);
    expect([ra.status, rb.status].sort()).to.deep.equal([303, 409]);
    expect(await t.db('consolidated_contributions').whereIn('title', ['Course Alice', 'Course Bruno'])).to.have.length(1);
    expect(Number((await t.db('consolidation_links').whereIn('raw_contribution_id', ids).whereNull('undone_at').count({ n: '*' }).first())!.n)).to.equal(3);
  });

  it('a stale save of a consolidated contribution is refused with 409, both versions shown, nothing overwritten', async () => {
    const cc = await consolidatedWith(alice, aliceToken, [await addRaw('VERSION-1')], 'Titre initial');
    const first = await alice.post(`/consolidees/${cc.id}`).type('form').send({ _csrf: aliceToken, title: 'Titre par Alice', bodyMd: 'Synthèse d’Alice', themeId, version: cc.version });
    expect(first.status).to.equal(303);
    const stale = await bruno.post(`/consolidees/${cc.id}`).type('form').send({ _csrf: brunoToken, title: 'Titre par Bruno', bodyMd: 'Synthèse de Bruno', themeId, version: cc.version });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.contain('modifiée par quelqu’un d’autre').and.contain('Titre par Alice').and.contain('value="Titre par Bruno"').and.contain('Synthèse de Bruno');
    const row = await t.db('consolidated_contributions').where({ id: cc.id }).first();
    expect(row.title).to.equal('Titre par Alice');
    expect(row.version).to.equal(cc.version + 1);
    const entry = await t.db('audit_log').where({ action: 'consolidation.update', object_id: String(cc.id) });
    expect(entry).to.have.length(1);
  });

  it('the database itself refuses a second active link for the same contribution (isUniqueViolation recognises it)', async () => {
    const raw = await addRaw('BASE-1');
    const cc = await consolidatedWith(alice, aliceToken, [raw], 'Tenue par la base');
    const other = await consolidatedWith(alice, aliceToken, [await addRaw('BASE-2')], 'Autre');
    let caught: unknown = null;
    try {
      await t.db('consolidation_links').insert({ consolidated_contribution_id: other.id, raw_contribution_id: raw });
    } catch (err) {
      caught = err;
    }
    expect(isUniqueViolation(caught), String(caught)).to.equal(true);
    expect(isUniqueViolation(new Error('autre erreur'))).to.equal(false);
    expect((await t.db('consolidation_links').where({ raw_contribution_id: raw }).whereNull('undone_at'))[0].consolidated_contribution_id).to.equal(cc.id);
  });
});
