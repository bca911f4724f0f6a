import { expect } from 'chai';
import { freshDb, type TestDb } from '../support/db';
import { insertRawContribution, updateRawContributionBody, whereMatches } from '../../src/modules/contributions/queries';
import { makeConsultation } from '../support/factories';

describe('French full-text search over raw contributions (SQLite FTS5 and PostgreSQL)', () => {
  let t: TestDb;
  let consultationId: number;
  const ids: Record<string, number> = {};

  before(async () => {
    t = await freshDb();
    consultationId = (await makeConsultation(t.db, { slug: 'c', title: 'C' })).id;
    const texts = {
      aspirations: 'Permettre aux jeunes de saisir eux-mêmes leurs aspirations dans le SI.',
      cohorte: 'Suivre une cohorte pré-identifiée de jeunes accompagnés dans la durée.',
      double: 'La double saisie avec France Travail fait perdre un temps fou aux conseillers.',
      emoji: 'Un agenda partagé 📅 avec les partenaires, svp !',
    };
    for (const [k, body] of Object.entries(texts)) {
      ids[k] = await insertRawContribution(t.db, { consultation_id: consultationId, theme_id: null, source: 'individuelle', body, created_by: null });
    }
  });
  after(() => t.destroy());

  async function search(text: string): Promise<number[]> {
    const q = t.db('raw_contributions as rc').select('rc.id').orderBy('rc.id');
    whereMatches(t.db, q, text);
    return (await q).map((r: { id: number }) => Number(r.id));
  }

  it('ignores accents and matches word forms', async () => {
    expect(await search('aspiration')).to.deep.equal([ids.aspirations]);
    expect(await search('JEUNE accompagne')).to.deep.equal([ids.cohorte]);
    expect(await search('identifiee')).to.deep.equal([ids.cohorte]);
    expect(await search('saisies')).to.deep.equal([ids.aspirations, ids.double]);
  });

  it('requires every word, and survives FTS syntax in the query', async () => {
    expect(await search('saisie travail')).to.deep.equal([ids.double]);
    expect(await search('"agenda" (* : ^')).to.deep.equal([ids.emoji]);
    expect(await search('inexistant')).to.deep.equal([]);
  });

  it('follows an edited body', async () => {
    expect(await updateRawContributionBody(t.db, ids.emoji!, 1, { body: 'Un calendrier commun avec les partenaires.' })).to.equal(true);
    expect(await search('agenda')).to.deep.equal([]);
    expect(await search('calendriers')).to.deep.equal([ids.emoji]);
    const row = await t.db('raw_contributions').where({ id: ids.emoji }).first();
    expect(row.body).to.equal('Un calendrier commun avec les partenaires.');
  });
});
