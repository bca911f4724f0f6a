import { expect } from 'chai';
import { foldAccents, searchableText, stems, words } from '../../src/shared/text/french';

describe('French text analysis', () => {
  it('folds accents and ligatures', () => {
    expect(foldAccents('Élève, cœur, à côté')).to.equal('Eleve, coeur, a cote');
  });

  it('splits elisions and drops stop words', () => {
    expect(words("L'accompagnement des jeunes qu'on suit")).to.deep.equal(['accompagnement', 'jeunes', 'suit']);
  });

  it('reduces word forms to the same stem, with or without accents', () => {
    expect(stems('jeunes')).to.deep.equal(stems('jeune'));
    expect(stems('accompagnés')).to.deep.equal(stems('accompagne'));
    expect(stems('saisies')).to.deep.equal(stems('saisie'));
    expect(searchableText('Les aspirations des jeunes')).to.equal(searchableText('aspiration jeune'));
  });
});
