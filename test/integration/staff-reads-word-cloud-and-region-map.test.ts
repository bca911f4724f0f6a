import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, csrfFrom, loginAs } from '../support/app';
import { makeConsultation, makeRawContributions, makeStructure, makeWorkshop } from '../support/factories';
import { inspectPdf, plainSpaces, writeTemp } from '../support/pdf';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { participationFigures, regionFigures } from '../../src/modules/stats';
import { jobsSettled } from '../../src/shared/jobs';

const SLUG = 'nuage-essai';
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
/** The ordered list of terms: [text, count, href]. */
function termsOf(html: string): Array<{ text: string; count: number; href: string }> {
  const list = html.match(/<ol class="cloud-terms">([\s\S]*?)<\/ol>/)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)">([^<]+)<\/a> <span class="count">— ([\d\u202f\u00a0 ]+) contribution/g)].map((m) => ({
    href: decode(m[1]!),
    text: decode(m[2]!),
    count: Number(m[3]!.replace(/\D/g, '')),
  }));
}

/**
 * The word cloud of any selection of the contributions list (terms counted once per contribution,
 * forms grouped, stop words out, links to the filtered list), kept current as contributions change;
 * the map of the regions on the DSI's figures page; both in the white paper.
 */
describe('Staff read the word cloud and the map of the regions', function () {
  this.timeout(180_000);
  let t: TestDb;
  let app: Express;
  let demoId: number;
  let essai: Awaited<ReturnType<typeof makeConsultation>>;
  let workshopId: number;

  before(async () => {
    t = await freshDb({ template: 'demo' });
    app = buildApp(t.db);
    demoId = Number((await t.db('consultations').where({ slug: DEMO_SLUG }).first()).id);
    essai = await makeConsultation(t.db, { slug: SLUG }, { themes: [{ code: 'FIN', title: 'Financement' }, { code: 'OUT', title: 'Outils' }] });
    const structure = await makeStructure(t.db, { name: 'Mission Locale du Nuage', region: 'Bretagne' });
    workshopId = await makeWorkshop(t.db, essai.id, { structure_id: structure, title: 'Atelier du nuage' });
    await makeRawContributions(t.db, essai.id, [
      { body: 'Les moyens financiers manquent pour la participation des jeunes.', theme_id: essai.themes.FIN, workshop_id: workshopId, structure_id: structure },
      { body: 'Il faudrait plus de moyens financiers, vraiment.', theme_id: essai.themes.FIN },
      { body: 'Des moyens humains, et la représentativité du réseau.', theme_id: essai.themes.FIN },
      { body: 'Un outil numérique simple ; un outil numérique partagé.', theme_id: essai.themes.OUT },
      { body: 'Le nouvel outil numérique doit être simple pour la participation.', theme_id: essai.themes.OUT },
      { body: 'Texte fantomatique retiré par son auteur, fantomatique.', theme_id: essai.themes.OUT, status: 'retiree' },
    ]);
  });
  after(() => t?.destroy());

  it('shows the cloud of the whole consultation: an image with its title, the same terms listed with their counts', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const res = await dsi.get(`/consultations/${SLUG}/nuage`);
    expect(res.status).to.equal(200);
    expect(res.text).to.match(/<svg[^>]*class="word-cloud"[^>]*role="img" aria-labelledby="nuage-titre nuage-desc"/);
    expect(res.text).to.contain('<title id="nuage-titre">Nuage de mots — toute la consultation</title>');
    expect(res.text).to.contain('5 contributions lues');
    const terms = termsOf(res.text);
    const count = (text: string) => terms.find((x) => x.text === text)?.count;
    expect(count('moyens')).to.equal(3);
    expect(count('financiers')).to.equal(2);
    expect(count('outil')).to.equal(2);
    expect(count('participation')).to.equal(2);
    expect(count('moyens financiers')).to.equal(2);
    expect(count('outil numérique')).to.equal(2);
    expect(terms.map((x) => x.text)).to.not.include.members(['fantomatique', 'les', 'faudrait', 'vraiment']);
    // Every term of the list is also drawn.
    for (const term of terms) expect(res.text).to.match(new RegExp(`<text [^>]+>${term.text}</text>`));
  });

  it('links each term to the contributions list filtered by it', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const terms = termsOf((await dsi.get(`/consultations/${SLUG}/nuage`).expect(200)).text);
    expect(terms.length).to.be.greaterThan(5);
    for (const term of terms) {
      expect(term.href).to.equal(`/consultations/${SLUG}/contributions?q=${encodeURIComponent(term.text).replace(/%20/g, '+')}`);
      const list = await dsi.get(term.href);
      expect(list.status, term.href).to.equal(200);
      const shown = Number(list.text.match(/<strong>([\d\u202f\u00a0 ]+)<\/strong> contribution/)![1]!.replace(/\D/g, ''));
      expect(shown, term.text).to.be.at.least(1);
    }
    const moyens = terms.find((x) => x.text === 'moyens')!;
    expect((await dsi.get(moyens.href)).text).to.contain('<strong>3</strong> contributions');
  });

  it('takes the contributions list’s filters: theme, workshop, search; an unknown theme or workshop is a French 404', async () => {
    const ambassador = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
    const byTheme = await ambassador.get(`/consultations/${SLUG}/nuage?theme=${essai.themes.OUT}`);
    expect(byTheme.status).to.equal(200);
    expect(byTheme.text).to.contain('thématique « Outils »');
    const outils = termsOf(byTheme.text);
    expect(outils.find((x) => x.text === 'outil')?.count).to.equal(2);
    expect(outils.find((x) => x.text === 'moyens')).to.equal(undefined);
    expect(outils[0]!.href).to.contain(`theme=${essai.themes.OUT}`);

    const byWorkshop = termsOf((await ambassador.get(`/consultations/${SLUG}/nuage?atelier=${workshopId}`).expect(200)).text);
    expect(byWorkshop.find((x) => x.text === 'moyens')?.count).to.equal(1);
    expect(byWorkshop.find((x) => x.text === 'outil')).to.equal(undefined);

    const searched = await ambassador.get(`/consultations/${SLUG}/nuage?q=simple`);
    const simple = termsOf(searched.text);
    expect(simple.find((x) => x.text === 'outil')?.count).to.equal(2);
    expect(simple.find((x) => x.text === 'moyens')).to.equal(undefined);
    expect(simple.find((x) => x.text === 'outil')!.href).to.contain('q=simple+outil');

    const otherTheme = (await t.db('themes').where({ consultation_id: demoId }).first()).id;
    for (const query of [`theme=${otherTheme}`, 'theme=999999', 'atelier=999999']) {
      const res = await ambassador.get(`/consultations/${SLUG}/nuage?${query}`);
      expect(res.status, query).to.equal(404);
      expect(res.text).to.match(/n’existe pas dans cette consultation/);
    }
    // Malformed values are ignored, as on the list; nothing is a 500.
    for (const query of ['theme=abc', 'atelier=-1', 'du=2024-13-45', 'q=' + 'é'.repeat(300), 'region=%00', 'statut=nimporte']) {
      expect((await ambassador.get(`/consultations/${SLUG}/nuage?${query}`)).status, query).to.equal(200);
    }
    expect((await ambassador.get('/consultations/inconnue/nuage')).status).to.equal(404);
  });

  it('is for the people who browse the contributions', async () => {
    const contributor = await loginAs(app, 'contributeur@ensemble.test', DEMO_PASSWORD);
    expect((await contributor.get(`/consultations/${SLUG}/nuage`)).status).to.equal(403);
    expect((await request(app).get(`/consultations/${SLUG}/nuage`)).status).to.be.oneOf([302, 303]);
  });

  it('reads the stored cloud while the contributions do not change, and counts again when they do', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    await dsi.get(`/consultations/${SLUG}/nuage`).expect(200);
    const row = await t.db('word_clouds').where({ consultation_id: essai.id, filter_key: '' }).first();
    expect(row.stamp).to.be.a('string');
    // A stored cloud is read as it is (its terms rewritten here to prove it).
    await t.db('word_clouds').where({ id: row.id }).update({ terms_json: JSON.stringify([{ text: 'mémorisé', count: 9, kind: 'mot' }]) });
    expect(termsOf((await dsi.get(`/consultations/${SLUG}/nuage`)).text).map((x) => x.text)).to.deep.equal(['mémorisé']);
    // A new contribution changes the stamp: the cloud is counted again.
    await makeRawContributions(t.db, essai.id, [{ body: 'Encore des moyens pour les missions.' }]);
    const again = termsOf((await dsi.get(`/consultations/${SLUG}/nuage`)).text);
    expect(again.find((x) => x.text === 'moyens')?.count).to.equal(4);
    // A withdrawal too.
    const first = await t.db('raw_contributions').where({ consultation_id: essai.id }).orderBy('id').first();
    await t.db('raw_contributions').where({ id: first.id }).update({ status: 'retiree', updated_at: new Date(Date.now() + 1000).toISOString() });
    expect(termsOf((await dsi.get(`/consultations/${SLUG}/nuage`)).text).find((x) => x.text === 'moyens')?.count).to.equal(3);

    // A cloud not counted for a month is forgotten when another selection's is stored.
    await t.db('word_clouds').where({ id: row.id }).update({ updated_at: new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString() });
    await dsi.get(`/consultations/${SLUG}/nuage?q=outil`).expect(200);
    expect(await t.db('word_clouds').where({ id: row.id }).first()).to.equal(undefined);
    expect(await t.db('word_clouds').where({ consultation_id: essai.id, filter_key: 'q=outil' }).first()).to.not.equal(undefined);
  });

  it('counts a large selection in the background and shows the previous cloud meanwhile', async () => {
    const background = buildApp(t.db, { WORDCLOUD_SYNC_LIMIT: '2' });
    const dsi = await loginAs(background, 'dsi@ensemble.test', DEMO_PASSWORD);
    const first = await dsi.get(`/consultations/${SLUG}/nuage?theme=${essai.themes.FIN}`);
    expect(first.status).to.equal(200);
    await jobsSettled();
    const row = await t.db('word_clouds').where({ consultation_id: essai.id, filter_key: `theme=${essai.themes.FIN}` }).first();
    expect(row.status).to.equal('terminee');
    const ready = await dsi.get(`/consultations/${SLUG}/nuage?theme=${essai.themes.FIN}`);
    // The first contribution of the theme was withdrawn above.
    expect(termsOf(ready.text).find((x) => x.text === 'moyens')?.count).to.equal(2);
    expect(ready.text).to.not.contain('en cours de calcul');

    // Contributions change while another instance recounts: the previous cloud is shown, dated.
    await makeRawContributions(t.db, essai.id, [{ body: 'Toujours plus de moyens financiers.', theme_id: essai.themes.FIN }]);
    const key = { consultation_id: essai.id, filter_key: `theme=${essai.themes.FIN}` };
    await t.db('word_clouds').where(key).update({ status: 'en_cours', updated_at: new Date().toISOString() });
    const meanwhile = await dsi.get(`/consultations/${SLUG}/nuage?theme=${essai.themes.FIN}`);
    expect(meanwhile.text).to.contain('le nuage est en cours de mise à jour');
    expect(termsOf(meanwhile.text).find((x) => x.text === 'moyens')?.count).to.equal(2);
    // That instance stopped (its row silent for too long): this one takes the count over.
    await t.db('word_clouds').where(key).update({ updated_at: new Date(Date.now() - 60 * 60 * 1000).toISOString() });
    await dsi.get(`/consultations/${SLUG}/nuage?theme=${essai.themes.FIN}`).expect(200);
    await jobsSettled();
    expect(termsOf((await dsi.get(`/consultations/${SLUG}/nuage?theme=${essai.themes.FIN}`)).text).find((x) => x.text === 'moyens')?.count).to.equal(3);
  });

  it('draws the map of the regions on the DSI’s figures page, with a table whose totals are the figures', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const res = await dsi.get(`/admin/consultations/${DEMO_SLUG}/chiffres`);
    expect(res.status).to.equal(200);
    expect(res.text.match(/<svg[^>]*class="region-map"[^>]*role="img"/g)).to.have.length(3);
    for (const id of ['carte-contributions', 'carte-workshops', 'carte-participants']) expect(res.text).to.contain(`aria-labelledby="${id}-titre ${id}-desc"`);
    const regions = await regionFigures(t.db, demoId);
    const figures = await participationFigures(t.db, demoId);
    expect(regions.regions).to.have.length(18);
    expect(regions.total.contributions).to.equal(figures.rawContributions);
    expect(regions.total.workshops).to.equal(figures.workshopsHeld);
    const sum = (f: 'workshops' | 'participants' | 'contributions') => [...regions.regions, ...regions.elsewhere].reduce((n, l) => n + l[f], 0);
    expect(sum('participants')).to.equal(regions.total.participants);
    expect(regions.total.participants).to.be.at.least(figures.participants - 1);
    // The demo's regions are all on the map (names as the structures write them).
    expect(regions.elsewhere.filter((l) => l.region !== 'Région non renseignée')).to.deep.equal([]);
    const table = res.text.match(/<table class="chart-table" id="tableau-regions">([\s\S]*?)<\/table>/)![1]!;
    const num = (s: string) => Number(s.replace(/\D/g, ''));
    const foot = [...table.match(/<tfoot>([\s\S]*?)<\/tfoot>/)![1]!.matchAll(/<td class="num">([^<]+)<\/td>/g)].map((m) => num(m[1]!));
    expect(foot).to.deep.equal([regions.total.workshops, regions.total.participants, regions.total.contributions]);
    const rows = [...table.match(/<tbody>([\s\S]*?)<\/tbody>/)![1]!.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td><\/tr>/g)];
    expect(rows.length).to.equal(18 + regions.elsewhere.length);
    expect(rows.reduce((n, m) => n + num(m[4]!), 0)).to.equal(regions.total.contributions);
    const occitanie = rows.find((m) => m[1] === 'Occitanie')!;
    expect(num(occitanie[4]!)).to.equal(regions.regions.find((l) => l.code === 'OCC')!.contributions);
  });

  it('puts the cloud chosen by the DSI and the map in the white paper, in its HTML and its PDF', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const admin = `/admin/consultations/${DEMO_SLUG}/livre-blanc`;
    const page = await dsi.get(admin);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Nuage de mots du livre blanc');
    const content = await t.db('whitepaper_content').where({ consultation_id: demoId }).first();
    const intros = await t.db('whitepaper_theme_intros').where({ consultation_id: demoId });
    const theme = await t.db('themes').where({ consultation_id: demoId }).orderBy('position').first();
    const form: Record<string, string> = {
      _csrf: csrfFrom(page.text),
      title: content.title,
      subtitle: content.subtitle,
      foreword_md: content.foreword_md,
      method_md: content.method_md,
      conclusion_md: content.conclusion_md,
      acknowledgements_md: content.acknowledgements_md,
      version: String(content.version),
      action: 'enregistrer',
    };
    for (const i of intros) form[`intro_${i.theme_id}`] = i.intro_md;
    // Another consultation's theme, or a made-up value: refused with the form kept.
    for (const bad of [String(essai.themes.FIN), 'n’importe quoi']) {
      const refused = await dsi.post(admin).type('form').send({ ...form, word_cloud: bad });
      expect(refused.status, bad).to.equal(422);
      expect(refused.text).to.contain('Choisissez un nuage de mots dans la liste.');
    }
    expect((await dsi.post(admin).type('form').send({ ...form, word_cloud: String(theme.id) })).status).to.equal(303);
    expect((await t.db('whitepaper_content').where({ consultation_id: demoId }).first()).word_cloud).to.equal(`theme=${theme.id}`);
    expect((await dsi.get(admin)).text).to.match(new RegExp(`<option value="${theme.id}" selected>`));

    const draft = await dsi.get(`/consultations/${DEMO_SLUG}/livre-blanc/brouillon`);
    expect(draft.status).to.equal(200);
    expect(draft.text).to.match(/<svg[^>]*class="word-cloud"[^>]*role="img" aria-labelledby="livre-blanc-nuage-titre livre-blanc-nuage-desc"/);
    expect(decode(draft.text)).to.contain(`thématique « ${theme.title} »`);
    expect(draft.text).to.match(/<ol class="wp-cloud-terms"[^>]*>\s*<li>[^<]+ — \d/);
    expect(draft.text).to.match(/<svg[^>]*class="region-map"[^>]*role="img" aria-labelledby="livre-blanc-carte-titre livre-blanc-carte-desc"/);
    const cloudTerms = [...draft.text.match(/<ol class="wp-cloud-terms"[^>]*>([\s\S]*?)<\/ol>/)![1]!.matchAll(/<li>([^<]+?) — /g)].map((m) => decode(m[1]!));
    expect(cloudTerms.length).to.be.greaterThan(10);

    const pdf = await dsi.get(`/consultations/${DEMO_SLUG}/livre-blanc/brouillon.pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).to.equal(200);
    const report = inspectPdf(writeTemp(pdf.body as Buffer, 'nuage.pdf'));
    expect(report.qpdfCheck.status).to.equal(0);
    const text = plainSpaces(report.text);
    expect(text).to.contain('Contributions par région');
    expect(text).to.contain('Nuage de mots');
    expect(text).to.contain('Guadeloupe');
    for (const term of cloudTerms.slice(0, 5)) expect(text).to.contain(term);

    // « Aucun nuage »: none in the white paper.
    const again = await dsi.get(admin);
    const saved = await t.db('whitepaper_content').where({ consultation_id: demoId }).first();
    await dsi.post(admin).type('form').send({ ...form, _csrf: csrfFrom(again.text), version: String(saved.version), word_cloud: 'aucun' }).expect(303);
    expect((await dsi.get(`/consultations/${DEMO_SLUG}/livre-blanc/brouillon`)).text).to.not.contain('class="word-cloud"');
  });
});
