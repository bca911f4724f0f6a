import { expect } from 'chai';
import { currentPhase, openings, parisDay, phaseState, type Phase } from '../../src/modules/consultations/phases';

const phases: Phase[] = [
  { kind: 'lancement', title: 'Webinaires', starts_on: '2023-05-23', ends_on: '2023-05-25', position: 1 },
  { kind: 'selection_ambassadeurs', title: 'Sélection', starts_on: '2023-06-01', ends_on: '2023-06-30', position: 2 },
  { kind: 'consultation', title: 'Consultation', starts_on: '2023-09-01', ends_on: '2023-09-30', position: 3 },
  { kind: 'consolidation', title: 'Consolidation', starts_on: '2023-09-25', ends_on: '2023-12-31', position: 4 },
];
const noOverride = { contributions_open: null, consolidation_open: null, ambassador_call_open: null };

describe('Consultation calendar', () => {
  it('places a day before, inside (bounds included) or after a phase', () => {
    expect(phaseState(phases[0]!, '2023-05-22')).to.equal('a_venir');
    expect(phaseState(phases[0]!, '2023-05-23')).to.equal('en_cours');
    expect(phaseState(phases[0]!, '2023-05-25')).to.equal('en_cours');
    expect(phaseState(phases[0]!, '2023-05-26')).to.equal('passee');
  });

  it('finds the current phase, the newest one when two overlap, none between phases', () => {
    expect(currentPhase(phases, '2023-06-15')?.kind).to.equal('selection_ambassadeurs');
    expect(currentPhase(phases, '2023-09-27')?.kind).to.equal('consolidation');
    expect(currentPhase(phases, '2023-07-14')).to.equal(null);
  });

  it('opens contributions during the consultation phase only, unless the DSI forces it', () => {
    expect(openings(phases, noOverride, '2023-09-10').contributions).to.equal(true);
    expect(openings(phases, noOverride, '2023-10-10').contributions).to.equal(false);
    expect(openings(phases, { ...noOverride, contributions_open: true }, '2023-10-10').contributions).to.equal(true);
    expect(openings(phases, { ...noOverride, contributions_open: false }, '2023-09-10').contributions).to.equal(false);
    expect(openings(phases, noOverride, '2023-10-10').consolidation).to.equal(true);
    expect(openings(phases, noOverride, '2023-06-10').ambassadorCall).to.equal(true);
  });

  it('reads the day in Paris, not in UTC', () => {
    expect(parisDay(new Date('2023-08-31T22:30:00Z'))).to.equal('2023-09-01');
    expect(parisDay(new Date('2023-12-31T22:59:00Z'))).to.equal('2023-12-31');
  });
});
