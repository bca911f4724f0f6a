import { expect } from 'chai';
import { whereSaid } from '../../src/modules/contributions/where-said';
import { hasStarted } from '../../src/modules/workshops/rules';
import * as rules from '../../src/modules/whitepaper/rules';
import { fillPlaceholders, placeholdersIn } from '../../src/shared/markdown';

const { ambassadorsNote } = rules;

describe('Where a contribution was said (one rule)', () => {
  it('places a workshop contribution at its workshop, whatever the author’s structure', () => {
    // The remote workshop run from Paris, a participant from Montpellier.
    expect(whereSaid({ workshopId: 7, workshopRegion: 'Île-de-France', structureRegion: 'Occitanie' })).to.equal('Île-de-France');
  });

  it('places any other contribution at its author’s structure', () => {
    expect(whereSaid({ workshopId: null, workshopRegion: null, structureRegion: 'Bretagne' })).to.equal('Bretagne');
  });

  it('falls back to the author’s structure when the workshop’s has no region, and to nothing when neither is known', () => {
    expect(whereSaid({ workshopId: 7, workshopRegion: null, structureRegion: 'Bretagne' })).to.equal('Bretagne');
    expect(whereSaid({ workshopId: 7, workshopRegion: '', structureRegion: null })).to.equal(null);
    expect(whereSaid({ workshopId: null, workshopRegion: null, structureRegion: '' })).to.equal(null);
  });
});

describe('Held workshops and the ambassadors’ appendix', () => {
  it('lets attendance be recorded only from the workshop’s start', () => {
    const start = new Date('2027-02-15T09:00:00Z');
    expect(hasStarted(start, new Date('2026-12-02T10:00:00Z'))).to.equal(false);
    expect(hasStarted(start, new Date('2027-02-15T09:00:00Z'))).to.equal(true);
    expect(hasStarted(start, new Date('2027-02-15T11:00:00Z'))).to.equal(true);
  });

  it('says how many ambassadors there were and how many chose to be named', () => {
    expect(ambassadorsNote(14, 12)).to.equal('14 ambassadeurs ont accompagné la consultation et consolidé les contributions ; 12 ont choisi d’être nommés ci-dessous, 2 ne l’ont pas souhaité.');
    expect(ambassadorsNote(14, 14)).to.contain('tous ont choisi d’être nommés');
    expect(ambassadorsNote(3, 0)).to.contain('aucun n’a choisi');
    expect(ambassadorsNote(2, 1)).to.contain('1 a choisi d’être nommé ci-dessous, 1 ne l’a pas souhaité');
    expect(ambassadorsNote(0, 0)).to.equal('Aucun ambassadeur n’a été retenu pour cette consultation.');
  });
});

describe('Editorial text with live figures', () => {
  it('inserts each named figure in French and leaves an unknown name as written', () => {
    const md = 'En 2023, {{ateliers}} ateliers et {{ contributions_brutes }} contributions ; {{inconnu}}.';
    expect(placeholdersIn(md)).to.deep.equal(['ateliers', 'contributions_brutes', 'inconnu']);
    expect(fillPlaceholders(md, { ateliers: 85, contributions_brutes: 1193 })).to.equal('En 2023, 85 ateliers et 1\u202f193 contributions ; {{inconnu}}.');
  });

  it('names the unknown figures and lists the known ones', () => {
    expect(rules.unknownFiguresMessage('La méthode', '{{ateliers}} ateliers')).to.equal(null);
    const message = rules.unknownFiguresMessage('La méthode', '{{atelier}} et {{régions}}')!;
    expect(message).to.contain('La méthode nomme des chiffres inconnus : {{atelier}}, {{régions}}.');
    expect(message).to.contain('{{ateliers}}, {{participants}}, {{contributions_brutes}}');
  });

  it('reads whole numbers as the French write them, not decimals, dates or codes', () => {
    const values = rules.writtenNumbers('84 ateliers, 1 091 et 1\u202f193 et 1\u00a0091 et 1091 ; 1,8 par besoin ; le 13/03 ; B-01.2').map((n) => n.value);
    expect(values).to.deep.equal([84, 1091, 1193, 1091, 1091]);
  });

  it('reports a number of the previous edition that no figure of this one has, with its sentence', () => {
    const previous = { ateliers: 84, participants: 811, contributions_brutes: 1091, contributions_consolidees: 300, besoins: 88, propositions: 159, ambassadeurs: 14, regions: 13 };
    const current = { ...previous, ateliers: 85, participants: 819, contributions_brutes: 1193 };
    const stale = rules.staleNumbers(
      [
        { field: 'method_md', label: 'La méthode', md: 'En juin, {{ambassadeurs}} ambassadeurs. En septembre 2023, 84 ateliers se sont tenus.\nPuis 1 091 contributions.' },
        { field: 'acknowledgements_md', label: 'Remerciements', md: 'Merci aux {{participants}} professionnels et aux 14 ambassadeurs.' },
      ],
      previous,
      current,
    );
    expect(stale.map((s) => [s.key, s.sentence])).to.deep.equal([
      ['method_md:84', 'En septembre 2023, 84 ateliers se sont tenus.'],
      ['method_md:1091', 'Puis 1 091 contributions.'],
    ]);
    expect(stale[0]!.figures).to.deep.equal([{ name: 'ateliers', label: 'Ateliers tenus', now: 85 }]);
    // A number equal to a figure of this edition is not reported (14 ambassadors, unchanged).
    expect(rules.staleNumbers([{ field: 'x', label: 'X', md: '85 et 14' }], previous, current)).to.deep.equal([]);
  });
});
