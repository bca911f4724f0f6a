import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser } from '../support/app';
import { recordAudit } from '../../src/modules/audit';

describe('The DSI browses and exports the audit log', () => {
  let t: TestDb;
  let app: Express;
  let dsi: request.Agent;
  let aliceId: number;
  let bobId: number;

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    aliceId = (await makeUser(t.db, 'ambassadeur', { name: 'Alice Ambassadrice' })).id;
    bobId = (await makeUser(t.db, 'ambassadeur', { name: 'Bob Ambassadeur' })).id;
    await recordAudit(t.db, { actorId: aliceId, action: 'need.update', objectType: 'need', objectId: 7, before: { title: 'Ancien titre', themeId: 1 }, after: { title: 'Nouveau titre', themeId: 1 } });
    await recordAudit(t.db, { actorId: bobId, action: 'need.create', objectType: 'need', objectId: 8, after: { title: '=HYPERLINK("http://x")' } });
    const formula = (await makeUser(t.db, 'dsi', { name: '=SOMME(A1)' })).id;
    await recordAudit(t.db, { actorId: formula, action: 'need.create', objectType: 'need', objectId: 9, after: { title: 'x' } });
    await recordAudit(t.db, { actorId: bobId, action: 'proposal.create', objectType: 'proposal', objectId: 3, after: { title: 'Proposition; avec "guillemets"' } });
    // The same 1205 rows in batches: one statement (and one sync to disk) per row was a slow arrangement.
    const filler = Array.from({ length: 1205 }, (_, i) => ({ actor_id: aliceId, action: 'user.update', object_type: 'user', object_id: String(i), created_at: new Date().toISOString() }));
    for (let i = 0; i < filler.length; i += 200) await t.db('audit_log').insert(filler.slice(i, i + 200));
    dsi = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
  });
  after(() => t.destroy());

  it('filters by object type, object id, actor and action prefix; shows what changed', async () => {
    const byType = await dsi.get('/admin/journal?type=proposal');
    expect(byType.text).to.contain('<code>proposal.create</code>').and.not.contain('<code>need.create</code>');
    const byObject = await dsi.get('/admin/journal?type=need&objet=7');
    expect(byObject.text).to.contain('<code>need.update</code>').and.not.contain('<code>need.create</code>');
    expect(byObject.text).to.contain('Ancien titre').and.contain('Nouveau titre');
    expect(byObject.text).to.match(/<summary>title<\/summary>/); // themeId did not change: not in the diff
    const byActor = await dsi.get(`/admin/journal?auteur=${bobId}&action=need.`);
    expect(byActor.text).to.contain('<code>need.create</code>').and.not.contain('<code>need.update</code>').and.not.contain('<code>proposal.create</code>');
    expect(byActor.text).to.contain('<option value="' + aliceId + '"').and.contain('Bob Ambassadeur');
    const prefix = await dsi.get('/admin/journal?action=need_');
    expect(prefix.text).to.contain('Aucune entrée'); // "_" is not a wildcard
  });

  it('exports the selection as CSV with a BOM, semicolons and neutralised cells, streamed past one batch', async () => {
    const res = await dsi.get('/admin/journal.csv?action=need.').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.contain('text/csv');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).to.match(/^id;date;auteur;action;/);
    expect(lines).to.have.length(4);
    expect(text).to.contain(";'=SOMME(A1);need.create;"); // the formula-like actor name is neutralised
    expect(text).to.contain('"{""title"":""Nouveau titre"",""themeId"":1}"');
    expect(text).to.contain('title');
    const all = await dsi.get('/admin/journal.csv').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const total = Number((await t.db('audit_log').count({ n: '*' }).first())?.n);
    expect(total).to.be.greaterThan(1200);
    expect((all.body as Buffer).toString('utf8').trim().split('\r\n')).to.have.length(1 + total);
  });

  it('is for the DSI only', async () => {
    const amb = await loginAs(app, (await makeUser(t.db, 'ambassadeur')).email);
    expect((await amb.get('/admin/journal')).status).to.equal(403);
    expect((await amb.get('/admin/journal.csv')).status).to.equal(403);
  });
});
