import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { loginAs, tokenFor } from '../support/app';
import { openDemo } from '../support/demo';
import type { TestDb } from '../support/db';
import { makeConsultation, makeNeed, makeProposal } from '../support/factories';
import { atomEntries, atomProblems } from '../support/atom';

/**
 * The DSI records how each published proposal is taken into account (one at a time and in bulk), the
 * indicator and the public follow-up follow, the feeds tell it; bad input changes nothing and says why
 * next to the field; nothing is public before the white paper is.
 */
describe('The DSI follows up the requirements of the white paper', function () {
  this.timeout(120_000);
  let t: TestDb;
  let db: Knex;
  let app: Express;
  let consultationId: number;
  let dsi: request.Agent;
  const ADMIN = `/admin/consultations/${DEMO_SLUG}/suivi`;
  const PUBLIC = `/consultations/${DEMO_SLUG}/suivi`;

  before(async () => {
    ({ t, db, app, consultationId } = await openDemo());
    dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
  });
  after(() => t?.destroy());

  const count = async (table: string) => Number((await db(table).count({ n: '*' }).first())?.n ?? 0);
  /** A followed proposal whose current status is `status`, with its need's code. */
  async function proposalIn(status: string, skip = 0) {
    const row = await db('followup_current as c')
      .join('functional_proposals as fp', 'fp.id', 'c.proposal_id')
      .join('needs as n', 'n.id', 'fp.need_id')
      .where({ 'c.status': status, 'c.consultation_id': consultationId })
      .orderBy('fp.id')
      .offset(skip)
      .first('fp.id', 'fp.code', 'n.code as need_code', 'n.id as need_id', 'c.effective_on', 'c.stream');
    return { id: Number(row.id), code: row.code as string, needCode: row.need_code as string, needId: Number(row.need_id), effectiveOn: row.effective_on as string, stream: row.stream as string | null };
  }
  const proposalPath = (id: number) => `${ADMIN}/propositions/${id}`;
  const today = () => new Date().toISOString().slice(0, 10);

  it('shows the indicator, its chart with a data table, and the needs with filters, to a visitor, once the white paper is published', async () => {
    const res = await request(app).get(PUBLIC);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Taux de prise en compte des exigences');
    // 64 of the demo's 159 proposals are retained or further, 12 delivered.
    expect(res.text).to.match(/40,3\s%/u).and.match(/7,5\s%/u);
    expect(res.text).to.contain('<svg').and.contain('role="img"').and.contain('Évolution du taux de prise en compte');
    expect(res.text).to.contain('Taux de prise en compte à chaque date de changement de statut');
    expect(res.text).to.contain('Par région').and.contain('Par chantier du SI partagé');
    const filtered = await request(app).get(`${PUBLIC}?status=livree`);
    expect(filtered.status).to.equal(200);
    expect((filtered.text.match(/<article class="fu-need"/g) ?? []).length).to.be.within(1, 12);
    expect(filtered.text).not.to.contain('fu-status-a_etudier">À étudier</span></td>');
    const region = (await db('structures').whereNotNull('region').first('region')).region as string;
    const byRegion = await request(app).get(`${PUBLIC}?region=${encodeURIComponent(region)}&stream=cohabitation&theme=USAGERS`);
    expect(byRegion.status).to.equal(200);
    const odd = await request(app).get(`${PUBLIC}?status=inconnu&page=abc&theme=%3Cscript%3E`);
    expect(odd.status).to.equal(200);
    expect(odd.text).not.to.contain('<script>');
  });

  it('gives each need a permalink with its proposals, their status and history; an unknown code is a 404', async () => {
    const p = await proposalIn('livree');
    const res = await request(app).get(`${PUBLIC}/besoins/${p.needCode}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain(`id="proposition-${p.id}"`).and.contain('Historique des statuts de ' + p.code);
    expect((await request(app).get(`${PUBLIC}/besoins/B-999`)).status).to.equal(404);
  });

  it('serves valid Atom feeds (RFC 4287) of the status changes, per consultation and per need', async () => {
    const res = await request(app).get(`${PUBLIC}.atom`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/atom\+xml/);
    expect(atomProblems(res.text)).to.deep.equal([]);
    const entries = atomEntries(res.text);
    expect(entries).to.have.length(50);
    expect(new Set(entries.map((e) => e.id)).size).to.equal(50);
    const p = await proposalIn('livree');
    const need = await request(app).get(`${PUBLIC}/besoins/${p.needCode}.atom`);
    expect(need.status).to.equal(200);
    expect(atomProblems(need.text)).to.deep.equal([]);
    expect(atomEntries(need.text).every((e) => e.href.includes(`/suivi/besoins/${p.needCode}#proposition-`))).to.equal(true);
  });

  it('records one proposal\u2019s status from its page: history appended, current state, audit entry, public page, feed', async () => {
    const p = await proposalIn('a_etudier');
    const page = await dsi.get(proposalPath(p.id));
    expect(page.status).to.equal(200);
    const [changes, audits] = [await count('followup_changes'), await count('audit_log')];
    const comment = 'Retenue <b>vite</b> & bien « sûr »';
    const res = await dsi.post(proposalPath(p.id)).type('form').send({
      _csrf: await tokenFor(dsi, proposalPath(p.id)), status: 'retenue', stream: 'socle', effectiveOn: today(), comment,
      links: 'https://backlog.si-partage.example/CONV-9001\nhttp://exemple.fr/b', estimate: '25',
    });
    expect(res.status).to.equal(303);
    expect(await count('followup_changes')).to.equal(changes + 1);
    expect(await count('audit_log')).to.equal(audits + 1);
    const current = await db('followup_current').where({ proposal_id: p.id }).first();
    expect(current).to.include({ status: 'retenue', stream: 'socle', effective_on: today() });
    expect(Number(current.estimate)).to.equal(25);
    expect(JSON.parse(current.backlog_links)).to.deep.equal(['https://backlog.si-partage.example/CONV-9001', 'http://exemple.fr/b']);
    const audit = await db('audit_log').orderBy('id', 'desc').first();
    expect(audit).to.include({ action: 'followup.status.change', object_type: 'proposal', object_id: String(p.id) });
    // Two rows of history now, newest first on the page.
    const after = await dsi.get(proposalPath(p.id));
    expect(after.text).to.contain('Retenue &lt;b&gt;vite&lt;/b&gt; &amp; bien « sûr »');
    expect(await db('followup_changes').where({ proposal_id: p.id }).count({ n: '*' }).first()).to.satisfy((r: any) => Number(r.n) === 2);
    // The feed's newest entry is this change, its comment escaped and read back intact.
    const feed = await request(app).get(`${PUBLIC}.atom`);
    expect(atomProblems(feed.text)).to.deep.equal([]);
    const [first] = atomEntries(feed.text);
    expect(first!.title).to.contain(p.code).and.contain('Retenue');
    expect(first!.content).to.contain(comment);
    expect(first!.category).to.equal('retenue');
    // The indicator moved: 65 of 159.
    expect((await request(app).get(PUBLIC)).text).to.match(/40,9\s%/u);
  });

  it('records one status for many proposals at once (bulk), one history row and one audit entry each', async () => {
    const a = await proposalIn('a_etudier', 0);
    const b = await proposalIn('a_etudier', 1);
    const [changes, audits] = [await count('followup_changes'), await count('audit_log')];
    const res = await dsi.post(ADMIN).type('form').send({
      _csrf: await tokenFor(dsi, ADMIN), proposalIds: [String(a.id), String(b.id)], status: 'non_retenue', stream: '', effectiveOn: today(),
      comment: 'Hors du périmètre du SI partagé.',
    });
    expect(res.status).to.equal(303);
    expect(await count('followup_changes')).to.equal(changes + 2);
    expect(await count('audit_log')).to.equal(audits + 2);
    for (const p of [a, b]) {
      const current = await db('followup_current').where({ proposal_id: p.id }).first();
      // The stream left « inchangé » keeps each proposal's own.
      expect(current).to.include({ status: 'non_retenue', stream: p.stream });
    }
    const list = await dsi.get(res.headers.location!);
    expect(list.text).to.contain('Statut « Non retenue » enregistré pour 2 propositions.');
  });

  describe('bad input: a French message next to the field, the typed values kept, nothing changed (422)', () => {
    let target: Awaited<ReturnType<typeof proposalIn>>;
    before(async () => {
      target = await proposalIn('a_etudier', 5);
    });
    const base = () => ({ status: 'retenue', stream: 'usagers', effectiveOn: today(), comment: 'Texte tapé à garder', links: 'https://ok.example/1', estimate: '12' });

    async function refused(fields: Record<string, unknown>, field: string, message: RegExp, path = proposalPath(target.id)) {
      const [changes, audits, current] = [await count('followup_changes'), await count('audit_log'), JSON.stringify(await db('followup_current').orderBy('proposal_id'))];
      const res = await dsi.post(path).type('form').send({ _csrf: await tokenFor(dsi, path), ...fields });
      expect(res.status, JSON.stringify(fields)).to.equal(422);
      const error = new RegExp(`id="f-${field}-erreur"><span class="sr-only">Erreur : </span>([^<]*)<`).exec(res.text);
      expect(error, `message next to ${field}`).to.not.equal(null);
      expect(error![1]).to.match(message);
      expect(res.text).to.contain(`aria-describedby="f-${field}`);
      expect(await count('followup_changes')).to.equal(changes);
      expect(await count('audit_log')).to.equal(audits);
      expect(JSON.stringify(await db('followup_current').orderBy('proposal_id'))).to.equal(current);
      return res;
    }

    it('a « Non retenue » or « Livrée » without a comment', async () => {
      const res = await refused({ ...base(), status: 'non_retenue', comment: '  ' }, 'comment', /Un commentaire est obligatoire pour le statut « Non retenue »/);
      expect(res.text).to.contain('https://ok.example/1').and.contain('value="12"');
      await refused({ ...base(), status: 'livree', comment: '' }, 'comment', /obligatoire pour le statut « Livrée »/);
    });

    it('an unknown status or stream', async () => {
      const res = await refused({ ...base(), status: 'abandonnee' }, 'status', /Statut inconnu/);
      expect(res.text).to.contain('Texte tapé à garder');
      await refused({ ...base(), stream: 'blockchain' }, 'stream', /Chantier inconnu/);
    });

    it('a backlog link that is not http(s)', async () => {
      const res = await refused({ ...base(), links: 'https://ok.example/1\njavascript:alert(1)' }, 'links', /« javascript:alert\(1\) » n’est pas une adresse web/);
      expect(res.text).to.contain('javascript:alert(1)</textarea>');
      await refused({ ...base(), links: 'ftp://serveur/fichier' }, 'links', /http:\/\/ ou https:\/\//);
    });

    it('a date that is not a date, in the future, or before the current status', async () => {
      const res = await refused({ ...base(), effectiveOn: '31/02/2025' }, 'effectiveOn', /n’est pas une date valide/);
      expect(res.text).to.contain('value="31/02/2025"');
      await refused({ ...base(), effectiveOn: 'demain' }, 'effectiveOn', /n’est pas une date valide/);
      await refused({ ...base(), effectiveOn: '2999-01-01' }, 'effectiveOn', /postérieure à aujourd’hui/);
      await refused({ ...base(), effectiveOn: '2024-01-02' }, 'effectiveOn', new RegExp(`précède celle du statut actuel de ${target.code.replace('.', '\\.')}`));
    });

    it('an estimate that is not a whole number of person-days', async () => {
      await refused({ ...base(), estimate: '-3' }, 'estimate', /nombre entier de jours-homme/);
    });

    it('a bulk change with nothing ticked, or with a proposal that is not followed', async () => {
      await refused({ status: 'retenue', stream: 'socle', effectiveOn: today(), comment: '' }, 'proposalIds', /Cochez au moins une proposition/, ADMIN);
      const draft = await db('functional_proposals').whereNot({ status: 'valide' }).first('id');
      const unpublished = draft ? Number(draft.id) : 2_000_000_000;
      await refused({ proposalIds: [String(target.id), String(unpublished)], status: 'retenue', stream: 'socle', effectiveOn: today(), comment: '' }, 'proposalIds', /n’est pas \(ou plus\) suivie/, ADMIN);
    });

    it('refuses a status change without CSRF token, or from anyone but the DSI', async () => {
      const changes = await count('followup_changes');
      expect((await dsi.post(proposalPath(target.id)).type('form').send(base())).status).to.equal(403);
      const amb = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
      expect((await amb.post(proposalPath(target.id)).type('form').send({ ...base(), _csrf: await tokenFor(amb) })).status).to.equal(403);
      expect((await amb.get(ADMIN)).status).to.equal(403);
      expect((await request(app).get(ADMIN)).status).to.equal(303);
      expect(await count('followup_changes')).to.equal(changes);
    });
  });

  it('records the capacity reserved per stream and shows what the retained proposals use of it', async () => {
    const path = `${ADMIN}/capacite`;
    const page = await dsi.get(`${path}?annee=2026`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Capacité réservée et utilisée par chantier en 2026');
    const bad = await dsi.post(path).type('form').send({ _csrf: await tokenFor(dsi, path), year: '2026', capacity_socle: 'beaucoup' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('id="f-capacity_socle-erreur"').and.contain('value="beaucoup"');
    const res = await dsi.post(path).type('form').send({ _csrf: await tokenFor(dsi, path), year: String(new Date().getFullYear()), capacity_socle: '1 000', capacity_usagers: '' });
    expect(res.status).to.equal(303);
    const row = await db('followup_capacities').where({ consultation_id: consultationId, stream: 'socle', year: new Date().getFullYear() }).first();
    expect(Number(row.person_days)).to.equal(1000);
    expect(await db('followup_capacities').where({ consultation_id: consultationId, stream: 'usagers', year: new Date().getFullYear() }).first()).to.equal(undefined);
    // The proposals retained in the stream « socle » whose status dates from this year use part of it
    // (the one retained today with 25 person-days among them).
    const after = await dsi.get(res.headers.location!);
    const line = /<th scope="row">Socle transverse<\/th>\s*<td class="num">([^<]*)<\/td>\s*<td class="num">([^<]*)<\/td>\s*<td class="num">([^<]*)</.exec(after.text);
    expect(line, 'the Socle line').to.not.equal(null);
    expect(line![1]).to.match(/^1\s000$/u);
    const used = Number(line![2]!.replace(/\s/gu, ''));
    expect(used).to.be.at.least(25);
    expect(line![3]!.trim()).to.equal(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(used / 1000));
  });

  it('has nothing public before the white paper is published (404), and the DSI is told why', async () => {
    const c = await makeConsultation(db, { slug: 'sans-livre-blanc' }, { themes: [{ code: 'T1', title: 'Thème' }] });
    const need = await makeNeed(db, { consultation_id: c.id, theme_id: c.themeIds[0]!, code: 'B-01', title: 'Un besoin', status: 'valide' });
    await makeProposal(db, { need_id: need, code: 'B-01.1', title: 'Une proposition', status: 'valide' });
    for (const path of ['/consultations/sans-livre-blanc/suivi', '/consultations/sans-livre-blanc/suivi.atom', '/consultations/sans-livre-blanc/suivi/besoins/B-01', '/consultations/sans-livre-blanc/suivi/besoins/B-01.atom']) {
      expect((await request(app).get(path)).status, path).to.equal(404);
      expect((await dsi.get(path)).status, path).to.equal(404);
    }
    const admin = await dsi.get('/admin/consultations/sans-livre-blanc/suivi');
    expect(admin.status).to.equal(200);
    expect(admin.text).to.contain('pas encore publié');
    expect((await dsi.get('/admin/suivi')).text).to.contain('sans-livre-blanc').and.contain(DEMO_SLUG);
  });

  it('links the follow-up from the consultation page and the DSI\u2019s navigation', async () => {
    const page = await request(app).get(`/consultations/${DEMO_SLUG}`);
    expect(page.text).to.contain(`href="/consultations/${DEMO_SLUG}/suivi"`).and.contain('Suivi de la prise en compte des besoins');
    expect((await dsi.get('/')).text).to.contain('href="/admin/suivi"');
  });
});
