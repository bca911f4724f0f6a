import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser } from '../support/app';
import { makeConsultation, makeRawContributions, makeStructure } from '../support/factories';

/**
 * Issue 13: the contributions list stays cheap at any size — its count stops at a cap (« plus de
 * … »; a cap of 10 here instead of 10 000, through LIST_COUNT_CAP), the region filter no longer
 * joins the structures yet selects the same rows, and a search is ranked by relevance and paged
 * within a limit. Correctness only: the timings are `npm run bench:scale`'s.
 */
describe('An ambassador browses a large selection of contributions', () => {
  let t: TestDb;
  let app: Express;
  let amb: request.Agent;
  const slug = 'grande-selection';
  let consultationId: number;
  let themeA: number;
  const relevant: Record<string, number> = {};

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db, { LIST_COUNT_CAP: '10' });
    const lille = await makeStructure(t.db, { name: 'Mission Locale de Lille', department_code: '59', region: 'Hauts-de-France' });
    const nimes = await makeStructure(t.db, { name: 'Mission Locale de Nîmes', department_code: '30', region: 'Occitanie' });
    const nowhere = await makeStructure(t.db, { name: 'Mission Locale sans région', department_code: '99' });
    const c = await makeConsultation(t.db, { slug }, { themes: [{ code: 'A', title: 'Thème A' }, { code: 'B', title: 'Thème B' }] });
    consultationId = c.id;
    themeA = c.themes.A!;
    const structures = [lille, nimes, nowhere, null];
    // 40 contributions spread over themes and structures, then 60 that mention « mobilité » once in a
    // long text, then the two that say it most in the fewest words.
    await makeRawContributions(
      t.db,
      consultationId,
      Array.from({ length: 40 }, (_, i) => ({ theme_id: i % 3 === 0 ? c.themes.B! : themeA, structure_id: structures[i % 4], body: `Note ${i} sur les rendez-vous et le dossier unique.` })),
    );
    await makeRawContributions(
      t.db,
      consultationId,
      Array.from({ length: 60 }, (_, i) => ({
        theme_id: themeA,
        structure_id: structures[i % 4],
        body: `Remarque ${i} : les conseillers voudraient suivre les démarches des jeunes, leurs rendez-vous, leurs ateliers collectifs, leur logement, leur santé et leur mobilité, dans un seul dossier partagé avec les partenaires du territoire.`,
      })),
    );
    relevant.first = (await makeRawContributions(t.db, consultationId, [{ theme_id: themeA, structure_id: nimes, body: 'Mobilité, mobilité : aider la mobilité.' }]))[0]!;
    relevant.second = (await makeRawContributions(t.db, consultationId, [{ theme_id: themeA, structure_id: lille, body: 'La mobilité des jeunes, vraiment.' }]))[0]!;
    amb = await loginAs(app, (await makeUser(t.db, 'ambassadeur')).email);
  });
  after(() => t.destroy());

  /** Every page of a selection through its « Page suivante » links. */
  async function pages(query = ''): Promise<Array<{ ids: number[]; text: string }>> {
    const out: Array<{ ids: number[]; text: string }> = [];
    let url: string | null = `/consultations/${slug}/contributions${query ? `?${query}` : ''}`;
    while (url) {
      const res = await amb.get(url);
      expect(res.status, url).to.equal(200);
      out.push({ ids: [...res.text.matchAll(/<th scope="row"><a href="\/contributions\/(\d+)"/g)].map((m) => Number(m[1])), text: res.text });
      const next = /<a href="([^"]+)" rel="next">Page suivante<\/a>/.exec(res.text);
      url = next ? next[1]!.replace(/&amp;/g, '&') : null;
      expect(out.length).to.be.below(10);
    }
    return out;
  }

  it('counts up to the cap, then says « plus de … »; below the cap, the exact number', async () => {
    const all = await amb.get(`/consultations/${slug}/contributions`);
    expect(all.text).to.match(/Plus de <strong>10<\/strong> contributions\s+au total/);
    const few = await amb.get(`/consultations/${slug}/contributions?theme=${themeA}&q=mobilit%C3%A9+vraiment`);
    // French plural rules: 0 and 1 take the singular, verb included.
    expect(few.text).to.match(/<strong>1<\/strong> contribution correspond à la sélection/);
    expect(few.text).not.to.contain('Plus de');
    const none = await amb.get(`/consultations/${slug}/contributions?theme=${themeA}&q=zzzzquelconque`);
    expect(none.text).to.match(/<strong>0<\/strong> contribution correspond à la sélection/);
  });

  it('lists with and without a region filter the same rows as the join on the structures did', async () => {
    const expected = async (region: string | null) =>
      (
        await t
          .db('raw_contributions as rc')
          .leftJoin('structures as s', 's.id', 'rc.structure_id')
          .where('rc.consultation_id', consultationId)
          .modify((q) => (region ? q.where('s.region', region) : q))
          .orderBy('rc.id', 'desc')
          .select('rc.id')
      ).map((r: { id: number }) => Number(r.id));
    for (const [query, region] of [['', null], ['region=Occitanie', 'Occitanie'], ['region=Hauts-de-France', 'Hauts-de-France'], [`region=Occitanie&theme=${themeA}`, null]] as const) {
      const got = (await pages(query)).flatMap((p) => p.ids);
      if (query.includes('theme=')) {
        const rows = await t.db('raw_contributions as rc').join('structures as s', 's.id', 'rc.structure_id').where({ 'rc.consultation_id': consultationId, 's.region': 'Occitanie', 'rc.theme_id': themeA }).orderBy('rc.id', 'desc').select('rc.id');
        expect(got, query).to.deep.equal(rows.map((r: { id: number }) => Number(r.id)));
      } else expect(got, query).to.deep.equal(await expected(region));
    }
    const occitanie = (await pages('region=Occitanie')).flatMap((p) => p.ids);
    expect(occitanie.length).to.be.above(10).and.below(102);
  });

  it('ranks a search by relevance, pages it by rank within its limit, every match once', async () => {
    const result = await pages('q=mobilite');
    expect(result.map((p) => p.ids.length)).to.deep.equal([50, 12]);
    expect(result[0]!.ids.slice(0, 2)).to.deep.equal([relevant.first, relevant.second]);
    const ids = result.flatMap((p) => p.ids);
    expect(new Set(ids).size).to.equal(62);
    expect(result[0]!.text).to.contain('Résultats classés par pertinence');
    expect(result[1]!.text).to.contain('Première page');
    // The match count is capped too, and the page says the ranking covers the most recent matches.
    expect(result[0]!.text).to.match(/Plus de <strong>10<\/strong> contributions\s+correspondent/);
    // A filter still applies to a ranked search.
    const inRegion = (await pages('q=mobilite&region=Occitanie')).flatMap((p) => p.ids);
    expect(inRegion[0]).to.equal(relevant.first);
    expect(inRegion).to.not.include(relevant.second);
  });
});
