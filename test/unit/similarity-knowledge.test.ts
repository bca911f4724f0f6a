import { expect } from 'chai';
import { associationsFromMembers, buildKnowledge, DEFAULT_MIN_SCORE, lemmaOf, pairsBetween, rankAgainst, similarity } from '../../src/modules/similarity';
import { term } from '../../src/modules/similarity/lemmas';
import { fieldErrors, glossaryEntrySchema } from '../../src/modules/similarity/validation';

describe('Similarity knows word forms, its glossary and what ambassadors taught it', function () {
  this.timeout(20_000);

  describe('word forms grouped by lemma', () => {
    it('keeps « direction » and « directement » apart (Snowball stems both to « direct »)', () => {
      expect(term('direction')).to.not.equal(term('directement'));
      // Only the half-weight Snowball family of the lemmas is left between them: far below any threshold.
      expect(similarity('La direction veut des chiffres.', 'Envoyer directement le dossier.')).to.be.below(DEFAULT_MIN_SCORE / 5);
    });
    it('groups plurals, feminines and conjugations under one lemma', () => {
      expect(['jeune', 'jeunes'].map(term)).to.deep.equal(['jeune', 'jeune']);
      expect(['conseiller', 'conseillers', 'conseilleres'].map(term)).to.deep.equal(['conseiller', 'conseiller', 'conseiller']);
      expect(['dirige', 'dirigees', 'dirigeons', 'diriger'].map(lemmaOf)).to.deep.equal(['diriger', 'diriger', 'diriger', 'diriger']);
      expect(['peut', 'peuvent', 'pouvons'].map(lemmaOf)).to.deep.equal(['pouvoir', 'pouvoir', 'pouvoir']);
      expect(term('oublient')).to.equal(term('oublier'));
      // An adverb made on an adjective compares as it; a noun in « -ment » and an abbreviation keep theirs.
      expect(['automatiquement', 'automatique'].map(term)).to.deep.equal(['automatique', 'automatique']);
      expect(term('gouvernement')).to.not.equal(term('gouverner'));
      expect(term('sms')).to.equal('sms');
    });
    it('keeps an unknown word (abbreviation, typo) as its stem', () => {
      expect(lemmaOf('imilo')).to.equal(undefined);
      expect(term('imilo')).to.equal('imilo');
    });
  });

  describe('glossary validation', () => {
    const parse = (values: Record<string, string>) => {
      const r = glossaryEntrySchema.safeParse(values);
      return r.success ? {} : fieldErrors(r.error);
    };
    it('refuses an empty entry with a French message next to each field', () => {
      const errors = parse({ expression: '  ', meaning: '' });
      expect(errors.expression).to.match(/Indiquez l’expression/);
      expect(errors.meaning).to.match(/Indiquez ce que/);
    });
    it('refuses a stop word', () => {
      expect(parse({ expression: 'les', meaning: 'rendez-vous' }).expression).to.match(/mot vide/);
    });
    it('accepts an abbreviation and trims it', () => {
      const r = glossaryEntrySchema.parse({ expression: '  rdv ', meaning: 'rendez-vous' });
      expect(r).to.deep.equal({ expression: 'rdv', meaning: 'rendez-vous' });
    });
    it('makes both sides of an entry one term', () => {
      const k = buildKnowledge([{ expression: 'PACEA', meaning: 'parcours contractualisé' }], []);
      expect(similarity('Le PACEA du jeune', 'son parcours contractualisé', { knowledge: k })).to.be.greaterThan(similarity('Le PACEA du jeune', 'son parcours contractualisé'));
    });
  });

  describe('learning from links', () => {
    const member = (consolidated_id: number, raw_id: number, body: string) => ({ consolidated_id, theme_id: 1, raw_id, body });
    const together = [
      member(1, 1, 'Les lapins aux convocations coûtent cher'),
      member(1, 2, 'Rappel par texto la veille du rendez-vous'),
      member(2, 3, 'Trop de lapins aux entretiens'),
      member(2, 4, 'Un texto de rappel avant chaque entretien'),
    ];
    it('teaches the pairs of words of texts put together, as integer weights', () => {
      const rows = associationsFromMembers(together);
      const lapin = rows.find((r) => r.term_a === 'lapin' && r.term_b === 'rappel');
      expect(lapin?.weight).to.equal(2);
      expect(rows.every((r) => Number.isInteger(r.weight) && r.term_a < r.term_b)).to.equal(true);
    });
    it('is deterministic: the same links give the same rows in the same order', () => {
      expect(associationsFromMembers(together)).to.deep.equal(associationsFromMembers([...together]));
    });
    it('brings texts closer once learned, and a removal (negative weight) takes it back', () => {
      const a = 'Beaucoup de lapins cette semaine';
      const b = 'Envoyer un rappel';
      const learned = buildKnowledge([], associationsFromMembers(together));
      expect(similarity(a, b, { knowledge: learned })).to.be.greaterThan(similarity(a, b));
      const unlearned = buildKnowledge([], [{ term_a: 'lapin', term_b: 'rappel', weight: 2 - 2 }]);
      expect(similarity(a, b, { knowledge: unlearned })).to.equal(similarity(a, b));
    });
    it('only counts words one text has and the other lacks', () => {
      expect(pairsBetween(['rappel', 'sms'], ['rappel', 'lapin'])).to.deep.equal(['lapin sms']);
    });
  });

  describe('ranking consolidated contributions', () => {
    const targets = [
      { id: 10, title: 'Rappels de rendez-vous par SMS', body: '', members: [{ id: 1, text: 'Envoyer un SMS la veille du rendez-vous' }, { id: 2, text: 'Les jeunes oublient leurs rendez-vous' }] },
      { id: 20, title: 'Synchroniser les agendas', body: '', members: [{ id: 3, text: 'Agenda I-Milo et Outlook synchronisés' }] },
    ];
    it('ranks the right target first with its two best members, and proposes to attach', () => {
      const [p] = rankAgainst(targets, [], [{ key: 7, text: 'Un SMS de rappel la veille du rendez-vous, les jeunes oublient' }]);
      expect(p!.key).to.equal(7);
      expect(p!.candidates[0]!.consolidatedId).to.equal(10);
      expect(p!.candidates[0]!.bestMembers.map((m) => m.id)).to.have.members([1, 2]);
      expect(p!.proposal).to.equal('attach');
    });
    it('proposes a new one for an unrelated text, and out of scope for a look-alike of one set aside', () => {
      const [fresh, aside] = rankAgainst(targets, [{ id: 99, text: 'La machine à café du deuxième étage est en panne', reason: 'Hors SI' }], [
        { key: 1, text: 'Former les jeunes aux premiers secours' },
        { key: 2, text: 'La machine à café du deuxième étage est encore en panne' },
      ]);
      expect(fresh!.proposal).to.equal('new');
      expect(aside!.proposal).to.equal('out_of_scope');
      expect(aside!.outOfScope).to.include({ id: 99, reason: 'Hors SI' });
    });
  });
});
