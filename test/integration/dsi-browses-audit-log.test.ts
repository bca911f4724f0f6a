import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser } from '../support/app';
import { recordAudit } from '../../src/modules/audit';
import { makeConsultation, makeNeed } from '../support/factories';

describe('The DSI browses and exports the audit log', () => {
  let t: TestDb;
  let app: Express;
  let dsi: request.Agent;
  let aliceId: number;
  let bobId: number;
  let needId: number;

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    aliceId = (await makeUser(t.db, 'ambassadeur', { name: 'Alice Ambassadrice' })).id;
    bobId = (await makeUser(t.db, 'ambassadeur', { name: 'Bob Ambassadeur' })).id;
    const c = await makeConsultation(t.db, { slug: 'journal' }, { themes: [{ code: 'T1', title: 'Accueil' }] });
    needId = await makeNeed(t.db, { consultation_id: c.id, theme_id: c.themeIds[0]!, code: 'B-12', title: 'Un besoin' });
    await recordAudit(t.db, { actorId: aliceId, action: 'need.validate', objectType: 'need', objectId: needId, before: { status: 'soumis' }, after: { status: 'valide' } });
    await recordAudit(t.db, { actorId: aliceId, action: 'consolidation.back_in_scope', objectType: 'raw_contribution', objectId: 42, before: { status: 'hors_perimetre' }, after: { status: 'a_traiter' } });
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

  it('tells each entry as a French sentence, with the fields and the filters named in French', async () => {
    // The filler's 1 205 newer entries fill the first page: each sentence is looked for under its filter.
    expect((await dsi.get('/admin/journal?type=need')).text).to.contain('<td>Alice Ambassadrice a validé le besoin B-12</td>');
    expect((await dsi.get('/admin/journal?type=raw_contribution')).text).to.contain('<td>Alice Ambassadrice a remis la contribution n° 42 dans le périmètre</td>');
    expect((await dsi.get('/admin/journal?action=auth.')).text).to.match(/<td>Connexion de [^<]+<\/td>/);
    const page = await dsi.get('/admin/journal');
    expect(page.text).to.contain('<td>Alice Ambassadrice a modifié le compte n° 1204</td>');
    expect(page.text).to.contain('<option value="raw_contribution">Contribution</option>');
    expect(page.text).to.contain('<optgroup label="Besoins">').and.contain('<option value="need.validate">A validé …</option>');
    // No code word left in what people read: actions, object types, field names.
    const cells = [...page.text.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]!).join('\n');
    expect(cells).not.to.match(/auth\.login|back_in_scope|raw_contribution|user n°|descriptionMd/);
    const byObject = await dsi.get('/admin/journal?type=need&objet=7');
    expect(byObject.text).to.match(/<summary>titre<\/summary>/).and.to.contain('<th scope="row">titre</th>');
  });

  it('filters by object type, object id, actor, action domain or one action; shows what changed', async () => {
    const byType = await dsi.get('/admin/journal?type=proposal');
    expect(byType.text).to.contain('Bob Ambassadeur a créé la proposition fonctionnelle n° 3').and.not.contain('a créé le besoin');
    const byObject = await dsi.get('/admin/journal?type=need&objet=7');
    expect(byObject.text).to.contain('a modifié le besoin n° 7').and.not.contain('a créé le besoin');
    expect(byObject.text).to.contain('Ancien titre').and.contain('Nouveau titre');
    expect(byObject.text).to.match(/<summary>titre<\/summary>/); // themeId did not change: not in the diff
    const byActor = await dsi.get(`/admin/journal?auteur=${bobId}&action=need.`);
    expect(byActor.text).to.contain('Bob Ambassadeur a créé le besoin n° 8').and.not.contain('a modifié le besoin').and.not.contain('a créé la proposition');
    expect(byActor.text).to.contain('<option value="' + aliceId + '"').and.contain('Bob Ambassadeur');
    expect(byActor.text).to.contain('<option value="need." selected>');
    const one = await dsi.get('/admin/journal?action=need.validate');
    expect(one.text).to.contain('a validé le besoin B-12').and.contain('<option value="need.validate" selected>').and.not.contain('a modifié le besoin');
    const prefix = await dsi.get('/admin/journal?action=need_');
    expect(prefix.text).to.contain('Aucune entrée'); // "_" is not a wildcard
  });

  it('shows the same sentences in the DSI’s « Activité récente »', async () => {
    const home = await dsi.get('/');
    expect(home.text).to.contain('Activité récente').and.not.contain('<code>');
    expect(home.text).to.match(/Connexion de [^<]+<\/li>/);
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
    expect(lines).to.have.length(5);
    expect(text).to.contain('Alice Ambassadrice a validé le besoin B-12');
    expect(lines[0]).to.match(/;resume$/);
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
