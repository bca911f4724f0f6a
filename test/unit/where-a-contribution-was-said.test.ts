import { expect } from 'chai';
import { whereSaid } from '../../src/modules/contributions/where-said';
import { hasStarted } from '../../src/modules/workshops/rules';
import { ambassadorsNote } from '../../src/modules/whitepaper/rules';

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
