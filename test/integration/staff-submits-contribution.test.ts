import { expect } from 'chai';
import type request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { isolateEachTest } from '../support/isolation';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { linkRaw, makeConsolidated, makeConsultation, makePhase, makeStructure } from '../support/factories';
import { parisDay } from '../../src/modules/consultations';

/** Any logged-in staff member contributes during the consultation phase, then edits or withdraws. */
describe('A staff member submits, edits and withdraws contributions', () => {
  let t: TestDb;
  let app: Express;
  let structureId: number;
  let author: { id: number; email: string };
  let agent: request.Agent;
  let token: string;
  const open = { id: 0, slug: 'consultation-ouverte', themes: [] as number[] };
  const closed = { id: 0, slug: 'consultation-fermee' };

  async function consultation(slug: string, attrs: Record<string, unknown>): Promise<{ id: number; themes: number[] }> {
    const themes = ['Usagers & offres de services', 'Outils du conseiller'].map((title, i) => ({ code: `T${i}`, title, position: i }));
    const c = await makeConsultation(t.db, { slug, ...attrs }, { themes });
    return { id: c.id, themes: c.themeIds };
  }

  const count = async () => Number((await t.db('raw_contributions').count({ n: '*' }).first())?.n ?? 0);

  async function submit(fields: Record<string, string>, slug = open.slug, who = agent, csrf = token) {
    return who.post(`/consultations/${slug}/contributions`).type('form').send({ _csrf: csrf, ...fields });
  }

  async function submitOk(body: string, extra: Record<string, string> = {}): Promise<number> {
    const res = await submit({ themeId: String(open.themes[0]), body, ...extra });
    expect(res.status, /error-summary[\s\S]*?<\/ul>/.exec(res.text)?.[0]).to.equal(303);
    const row = await t.db('raw_contributions').where({ author_id: author.id }).orderBy('id', 'desc').first();
    return Number(row.id);
  }

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    structureId = await makeStructure(t.db, { name: 'Mission Locale de Tarbes', department_code: '65' });
    Object.assign(open, await consultation(open.slug, { contributions_open: true }));
    Object.assign(closed, await consultation(closed.slug, { contributions_open: false }));
    author = await makeUser(t.db, 'contributeur', { name: 'Zoé Contributrice', structureId });
    agent = await loginAs(app, author.email);
    token = await tokenFor(agent);
  });
  after(() => t.destroy());
  // Each test starts from the rows built above (isolation.ts).
  isolateEachTest(() => t.db);

  describe('during the consultation phase', () => {
    it('offers the form and stores an individual contribution from the author and their structure', async () => {
      const form = await agent.get(`/consultations/${open.slug}/contribuer`);
      expect(form.status).to.equal(200);
      expect(form.text).to.contain('name="body"').and.contain('Rester anonyme');

      const before = await count();
      const id = await submitOk('Un dossier unique du jeune, partagé entre conseillers.');
      expect(await count()).to.equal(before + 1);
      const row = await t.db('raw_contributions').where({ id }).first();
      expect(row.source).to.equal('individuelle');
      expect(row.author_id).to.equal(author.id);
      expect(row.created_by).to.equal(author.id);
      expect(row.structure_id).to.equal(structureId);
      expect(row.theme_id).to.equal(open.themes[0]);
      expect(row.status).to.equal('a_traiter');
      expect(Number(row.version)).to.equal(1);
      expect(await t.db('audit_log').where({ action: 'contribution.submit', object_id: String(id) }).first()).to.exist;

      const mine = await agent.get('/mes-contributions');
      expect(mine.text).to.contain('Un dossier unique du jeune').and.contain(`/contributions/${id}`);
    });

    it('keeps the text byte for byte: accents, emoji, line breaks, Markdown shown sanitised', async () => {
      const body = '  Élodie à côté : « ça marche » 😀🇫🇷\nDeuxième ligne\r\n\r\n**gras** <script>alert(1)</script>\n- œuvre ÿ  ';
      const id = await submitOk(body);
      const row = await t.db('raw_contributions').where({ id }).first();
      expect(row.body).to.equal(body);
      expect(Buffer.from(row.body, 'utf8').equals(Buffer.from(body, 'utf8'))).to.equal(true);
      const page = await agent.get(`/contributions/${id}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('Élodie à côté').and.contain('😀🇫🇷').and.contain('<strong>gras</strong>');
      expect(page.text).not.to.contain('<script>alert(1)</script>');
    });

    it('counts characters as people do: 5,000 emoji are accepted', async () => {
      const id = await submitOk('😀'.repeat(5000));
      expect((await t.db('raw_contributions').where({ id }).first()).body).to.equal('😀'.repeat(5000));
    });

    it('refuses a text too short or too long with a French message, keeps what was typed, stores nothing', async () => {
      const before = await count();
      const short = await submit({ themeId: String(open.themes[0]), body: 'Trop ça' });
      expect(short.status).to.equal(422);
      expect(short.text).to.contain('au moins 10 caractères').and.contain('Trop ça').and.contain('aria-invalid="true"');

      const long = 'é'.repeat(5001);
      const tooLong = await submit({ themeId: String(open.themes[0]), body: long });
      expect(tooLong.status).to.equal(422);
      expect(tooLong.text).to.contain('ne doit pas dépasser 5').and.contain(long);

      const blank = await submit({ themeId: String(open.themes[0]), body: '   \n\n   ' });
      expect(blank.status).to.equal(422);
      expect(blank.text).to.contain('obligatoire');

      const noTheme = await submit({ themeId: '', body: 'Un texte suffisamment long.' });
      expect(noTheme.status).to.equal(422);
      expect(noTheme.text).to.contain('Choisissez une thématique').and.contain('Un texte suffisamment long.');

      const otherTheme = await submit({ themeId: String((await consultation('autre', {})).themes[0]), body: 'Un texte suffisamment long.' });
      expect(otherTheme.status).to.equal(422);
      expect(await count()).to.equal(before);
    });
  });

  describe('outside the consultation phase', () => {
    it('offers no form and refuses a submission with a clear French message; nothing is stored', async () => {
      const form = await agent.get(`/consultations/${closed.slug}/contribuer`);
      expect(form.status).to.equal(200);
      expect(form.text).to.contain('Dépôt fermé').and.not.contain('name="body"');
      const before = await count();
      const res = await submit({ themeId: String((await t.db('themes').where({ consultation_id: closed.id }).first()).id), body: 'Une contribution hors délai.' }, closed.slug);
      expect(res.status).to.equal(409);
      expect(res.text).to.contain('Le dépôt de contributions est fermé').and.contain('Rien n’a été enregistré');
      expect(await count()).to.equal(before);
    });

    it('follows the calendar, and the DSI’s manual override wins over it', async () => {
      const today = parisDay(new Date());
      const inPhase = await consultation('calendrier', { contributions_open: null });
      const day = (offset: number) => new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      await makePhase(t.db, inPhase.id, { kind: 'consultation', title: 'Consultation', starts_on: day(-3), ends_on: day(3), position: 3 });
      const ok = await submit({ themeId: String(inPhase.themes[1]), body: 'Selon le calendrier, c’est ouvert.' }, 'calendrier');
      expect(ok.status).to.equal(303);
      await t.db('consultations').where({ id: inPhase.id }).update({ contributions_open: false });
      const before = await count();
      const refused = await submit({ themeId: String(inPhase.themes[1]), body: 'La DSI a fermé le dépôt à la main.' }, 'calendrier');
      expect(refused.status).to.equal(409);
      expect(await count()).to.equal(before);
    });
  });

  describe('editing and withdrawing', () => {
    it('edits with the version seen; a stale version is refused (409) with both versions, nothing overwritten', async () => {
      const id = await submitOk('Première version du texte.');
      const edit = await agent.get(`/contributions/${id}/modifier`);
      expect(edit.status).to.equal(200);
      const first = await agent.post(`/contributions/${id}`).type('form').send({ _csrf: token, version: '1', themeId: String(open.themes[1]), body: 'Deuxième version, écrite dans un onglet.' });
      expect(first.status).to.equal(303);
      const stale = await agent.post(`/contributions/${id}`).type('form').send({ _csrf: token, version: '1', themeId: String(open.themes[0]), body: 'Version concurrente, depuis un autre onglet.' });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('modifiée entre-temps').and.contain('Deuxième version, écrite dans un onglet.').and.contain('Version concurrente, depuis un autre onglet.');
      const row = await t.db('raw_contributions').where({ id }).first();
      expect(row.body).to.equal('Deuxième version, écrite dans un onglet.');
      expect(row.theme_id).to.equal(open.themes[1]);
      expect(Number(row.version)).to.equal(2);
      expect(row.search_text).to.contain('onglet');
      const audit = await t.db('audit_log').where({ action: 'contribution.update', object_id: String(id) }).first();
      expect(JSON.parse(audit.before_json).body).to.equal('Première version du texte.');
    });

    it('withdraws: the status becomes « retirée », the row stays; it can no longer be edited', async () => {
      const id = await submitOk('Une idée que je préfère retirer.');
      const res = await agent.post(`/contributions/${id}/retirer`).type('form').send({ _csrf: token, version: '1' });
      expect(res.status).to.equal(303);
      const row = await t.db('raw_contributions').where({ id }).first();
      expect(row.status).to.equal('retiree');
      expect(row.body).to.equal('Une idée que je préfère retirer.');
      expect(await t.db('audit_log').where({ action: 'contribution.withdraw', object_id: String(id) }).first()).to.exist;
      const edit = await agent.post(`/contributions/${id}`).type('form').send({ _csrf: token, version: '2', themeId: String(open.themes[0]), body: 'Je reviens sur mon retrait.' });
      expect(edit.status).to.equal(409);
      expect(edit.text).to.contain('a été retirée');
      expect((await t.db('raw_contributions').where({ id }).first()).body).to.equal('Une idée que je préfère retirer.');
    });

    it('cannot edit nor withdraw once an ambassador has consolidated it (status or live link)', async () => {
      const byStatus = await submitOk('Déjà consolidée par un ambassadeur.');
      await t.db('raw_contributions').where({ id: byStatus }).update({ status: 'consolidee' });
      const byLink = await submitOk('Rattachée à une contribution consolidée.');
      const ambassador = await makeUser(t.db, 'ambassadeur');
      const ccId = await makeConsolidated(t.db, { consultation_id: open.id, theme_id: open.themes[0]!, title: 'Dossier unique', created_by: ambassador.id });
      await linkRaw(t.db, ccId, [byLink], { created_by: ambassador.id, created_at: new Date().toISOString() });
      for (const id of [byStatus, byLink]) {
        const before = await t.db('raw_contributions').where({ id }).first();
        const edit = await agent.post(`/contributions/${id}`).type('form').send({ _csrf: token, version: String(before.version), themeId: String(open.themes[0]), body: 'Trop tard pour changer.' });
        expect(edit.status, `modification ${id}`).to.equal(409);
        expect(edit.text).to.contain('ne peut plus être modifiée ni retirée');
        const withdraw = await agent.post(`/contributions/${id}/retirer`).type('form').send({ _csrf: token, version: String(before.version) });
        expect(withdraw.status, `retrait ${id}`).to.equal(409);
        const after = await t.db('raw_contributions').where({ id }).first();
        expect(after.body).to.equal(before.body);
        expect(after.status).to.equal(before.status);
        const page = await agent.get(`/contributions/${id}`);
        expect(page.text).not.to.contain('Retirer cette contribution');
      }
    });

    it('refuses to show, edit or withdraw someone else’s contribution (403)', async () => {
      const id = await submitOk('La contribution de Zoé, pas celle de Marc.');
      const other = await makeUser(t.db, 'contributeur', { name: 'Marc Voisin' });
      const marc = await loginAs(app, other.email);
      const marcToken = await tokenFor(marc);
      expect((await marc.get(`/contributions/${id}`)).status).to.equal(403);
      expect((await marc.get(`/contributions/${id}/modifier`)).status).to.equal(403);
      const edit = await marc.post(`/contributions/${id}`).type('form').send({ _csrf: marcToken, version: '1', themeId: String(open.themes[0]), body: 'Marc réécrit le texte de Zoé.' });
      expect(edit.status).to.equal(403);
      expect(edit.text).to.contain('Seule la personne qui a déposé');
      expect((await marc.post(`/contributions/${id}/retirer`).type('form').send({ _csrf: marcToken, version: '1' })).status).to.equal(403);
      const row = await t.db('raw_contributions').where({ id }).first();
      expect(row.body).to.equal('La contribution de Zoé, pas celle de Marc.');
      expect(row.status).to.equal('a_traiter');
      expect((await marc.get('/mes-contributions')).text).not.to.contain('La contribution de Zoé');
    });
  });

  describe('anonymity', () => {
    it('hides an anonymous author from ambassadors and from every export; the author and the DSI still see it', async () => {
      const id = await submitOk('Je préfère rester anonyme sur ce sujet sensible.', { anonymous: '1' });
      expect([1, true]).to.include((await t.db('raw_contributions').where({ id }).first()).anonymous);

      const amb = await loginAs(app, (await makeUser(t.db, 'ambassadeur')).email);
      const list = await amb.get(`/consultations/${open.slug}/contributions?q=anonyme+sensible`);
      expect(list.status).to.equal(200);
      expect(list.text).to.contain(`/contributions/${id}`).and.contain('Anonyme').and.not.contain('Zoé Contributrice');
      const page = await amb.get(`/contributions/${id}`);
      expect(page.text).to.contain('Anonyme').and.not.contain('Zoé Contributrice');
      for (const format of ['csv', 'json', 'xlsx']) {
        // The selection holds only the anonymous contribution (the author's other ones are signed).
        const file = await amb.get(`/consultations/${open.slug}/contributions/export.${format}?q=anonyme+sensible`).buffer(true).parse(binary);
        expect(file.status).to.equal(200);
        if (format !== 'xlsx') {
          const text = (file.body as Buffer).toString('utf8');
          expect(text, format).to.contain('Je préfère rester anonyme').and.contain('Anonyme').and.not.contain('Zoé Contributrice');
        }
      }
      const json = JSON.parse((await amb.get(`/consultations/${open.slug}/contributions/export.json`).buffer(true).parse(binary)).body.toString('utf8'));
      expect(json.find((r: { id: number }) => r.id === id).auteur).to.equal('Anonyme');

      const dsi = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
      expect((await dsi.get(`/contributions/${id}`)).text).to.contain('Zoé Contributrice');
      expect((await agent.get(`/contributions/${id}`)).text).to.contain('Zoé Contributrice');
    });
  });
});

function binary(res: any, cb: (err: Error | null, body: any) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
