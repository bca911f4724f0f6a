import { expect } from 'chai';
import { contributionsPolicy } from '../../src/modules/contributions/policy';
import { parisDayStart } from '../../src/modules/contributions/queries';
import { characterCount, contributionSchema, parseFilter } from '../../src/modules/contributions/validation';
import type { Actor } from '../../src/shared/actor';

const person = (id: number, role: Actor['role']): Actor => ({ id, email: null, displayName: `p${id}`, role, structureId: null });
const author = person(1, 'contributeur');
const other = person(2, 'contributeur');
const ambassador = person(3, 'ambassadeur');
const dsi = person(4, 'dsi');

describe('Rules of raw contributions', () => {
  const anonymous = { author_id: 1, anonymous: true, source: 'individuelle' };

  it('shows an anonymous author only to that person and to the DSI', () => {
    expect(contributionsPolicy.canSeeAuthor(author, anonymous)).to.equal(true);
    expect(contributionsPolicy.canSeeAuthor(dsi, anonymous)).to.equal(true);
    expect(contributionsPolicy.canSeeAuthor(ambassador, anonymous)).to.equal(false);
    expect(contributionsPolicy.canSeeAuthor(other, anonymous)).to.equal(false);
    expect(contributionsPolicy.canSeeAuthor(null, anonymous)).to.equal(false);
    expect(contributionsPolicy.canSeeAuthor(ambassador, { ...anonymous, anonymous: false })).to.equal(true);
  });

  it('lets only the author change their own individual contribution; staff read, contributors do not browse', () => {
    expect(contributionsPolicy.canEdit(author, anonymous)).to.equal(true);
    expect(contributionsPolicy.canEdit(other, anonymous)).to.equal(false);
    expect(contributionsPolicy.canEdit(dsi, anonymous)).to.equal(false);
    expect(contributionsPolicy.canEdit(author, { ...anonymous, source: 'atelier' })).to.equal(false);
    expect(contributionsPolicy.canView(other, anonymous)).to.equal(false);
    expect(contributionsPolicy.canView(ambassador, anonymous)).to.equal(true);
    expect([author, ambassador, dsi, null].map((a) => contributionsPolicy.canBrowse(a))).to.deep.equal([false, true, true, false]);
    expect(contributionsPolicy.canDownloadOpenData(null, false)).to.equal(false);
    expect(contributionsPolicy.canDownloadOpenData(null, true)).to.equal(true);
    expect(contributionsPolicy.canDownloadOpenData(ambassador, false)).to.equal(true);
  });

  it('counts characters as people do and validates the trimmed text while keeping it as typed', () => {
    expect(characterCount('😀é\n')).to.equal(3);
    const parsed = contributionSchema.safeParse({ themeId: '3', body: '  Texte avec espaces  \n' });
    expect(parsed.success && parsed.data).to.deep.equal({ themeId: 3, body: '  Texte avec espaces  \n', anonymous: false });
    expect(contributionSchema.safeParse({ themeId: '3', body: 'Texte\u0000 invalide' }).success).to.equal(false);
  });

  it('starts a Paris day at the right UTC instant in winter and in summer', () => {
    expect(parisDayStart('2023-01-15')).to.equal('2023-01-14T23:00:00.000Z');
    expect(parisDayStart('2023-07-15')).to.equal('2023-07-14T22:00:00.000Z');
  });

  it('reads filters from the query string and ignores malformed values', () => {
    expect(parseFilter({ theme: 'a_classer', atelier: '12', statut: 'retiree', source: 'import', du: '2023-09-01', au: '2023-02-31x', q: ' aspirations ' })).to.deep.equal({
      theme: 'a_classer', workshop: 12, region: null, status: 'retiree', source: 'import', from: '2023-09-01', to: null, q: 'aspirations', continuous: null,
    });
    expect(parseFilter({ theme: ['4', '5'], statut: 'supprimee', atelier: '-1' })).to.include({ theme: 4, status: null, workshop: null });
    // « Remontées continues »: oui / non, anything else reads as « avec et sans ».
    expect(parseFilter({ remontee: 'oui' }).continuous).to.equal(true);
    expect(parseFilter({ remontee: 'non' }).continuous).to.equal(false);
    expect(parseFilter({ remontee: 'peut-être' }).continuous).to.equal(null);
  });
});
