import { expect } from 'chai';
import { calendarSummary, choiceFromOverride, overrideFromChoice, parseDay, type Phase } from '../../src/modules/consultations/phases';
import { freeSlug, slugify, SLUG_MAX } from '../../src/modules/consultations/slug';
import { readPhases } from '../../src/modules/consultations/validation';
import { moved } from '../../src/modules/consultations/move-theme';

describe('Consultation set-up rules', () => {
  describe('slug', () => {
    it('makes a readable address from a French title', () => {
      expect(slugify('Construisons ensemble notre nouveau SI !')).to.equal('construisons-ensemble-notre-nouveau-si');
      expect(slugify('L’accueil des jeunes : état des lieux (2027)')).to.equal('l-accueil-des-jeunes-etat-des-lieux-2027');
      expect(slugify('Œuvre  commune — été')).to.equal('oeuvre-commune-ete');
      expect(slugify('😀 !!')).to.equal('');
    });

    it('cuts a long title at a word boundary within the column size', () => {
      const slug = slugify('Une consultation nationale '.repeat(10));
      expect(slug.length).to.be.at.most(SLUG_MAX);
      expect(slug).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(slug.endsWith('-')).to.equal(false);
    });

    it('adds -2, -3… when the address is taken or reserved', () => {
      const taken = new Set(['consultation', 'consultation-2']);
      expect(freeSlug('consultation', (s) => taken.has(s))).to.equal('consultation-3');
      expect(freeSlug('libre', (s) => taken.has(s))).to.equal('libre');
      expect(freeSlug('nouvelle', () => false)).to.equal('nouvelle-2');
      expect(freeSlug('a'.repeat(SLUG_MAX), (s) => s === 'a'.repeat(SLUG_MAX)).length).to.equal(SLUG_MAX);
    });
  });

  describe('days typed in forms', () => {
    it('reads ISO and French dates, and refuses days that do not exist', () => {
      expect(parseDay('2027-03-01')).to.equal('2027-03-01');
      expect(parseDay(' 1/3/2027 ')).to.equal('2027-03-01');
      expect(parseDay('29/02/2028')).to.equal('2028-02-29');
      expect(parseDay('29/02/2027')).to.equal(null);
      expect(parseDay('2027-02-30')).to.equal(null);
      expect(parseDay('2027-13-01')).to.equal(null);
      expect(parseDay('1899-01-01')).to.equal(null);
      expect(parseDay('demain')).to.equal(null);
    });
  });

  describe('calendar form', () => {
    it('keeps planned phases in the calendar order, with the label as default title', () => {
      const r = readPhases({ consultation_startsOn: '2027-09-01', consultation_endsOn: '2027-09-30', lancement_title: ' Webinaires ', lancement_startsOn: '2027-05-23', lancement_endsOn: '23/05/2027' });
      expect(r.ok).to.equal(true);
      if (!r.ok) return;
      expect(r.phases).to.deep.equal([
        { kind: 'lancement', title: 'Webinaires', starts_on: '2027-05-23', ends_on: '2027-05-23', position: 1 },
        { kind: 'consultation', title: 'Consultation nationale', starts_on: '2027-09-01', ends_on: '2027-09-30', position: 3 },
      ]);
    });

    it('reports each wrong field in French, keyed by field', () => {
      const r = readPhases({ lancement_startsOn: '2027-05-23', consultation_startsOn: '2027-09-30', consultation_endsOn: '2027-09-01', suivi_startsOn: '31/04/2028', suivi_endsOn: '2028-05-01', publication_title: 'x'.repeat(201), publication_startsOn: '2028-01-01', publication_endsOn: '2028-01-01' });
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(Object.keys(r.errors).sort()).to.deep.equal(['consultation_endsOn', 'lancement_endsOn', 'publication_title', 'suivi_startsOn']);
      expect(r.errors.consultation_endsOn).to.contain('égale ou postérieure');
      expect(r.errors.suivi_startsOn).to.contain("n'est pas une date valide");
      expect(r.errors.lancement_endsOn).to.contain('obligatoire');
    });

    it('plans nothing when every date is empty', () => {
      expect(readPhases({ lancement_title: 'Lancement' })).to.deep.equal({ ok: true, phases: [] });
    });
  });

  describe('manual openings', () => {
    it('maps the three-state choice to the nullable override and back', () => {
      expect(overrideFromChoice('calendrier')).to.equal(null);
      expect(overrideFromChoice('ouvert')).to.equal(true);
      expect(overrideFromChoice('ferme')).to.equal(false);
      for (const v of [null, true, false]) expect(overrideFromChoice(choiceFromOverride(v))).to.equal(v);
    });
  });

  describe('calendar summary', () => {
    const phases: Phase[] = [
      { kind: 'lancement', title: 'Lancement', starts_on: '2027-01-01', ends_on: '2027-01-10', position: 1 },
      { kind: 'consultation', title: 'Consultation', starts_on: '2027-03-01', ends_on: '2027-03-31', position: 3 },
    ];
    it('gives the running phase, else the next one, else says the consultation is over', () => {
      expect(calendarSummary(phases, '2027-01-05').current?.kind).to.equal('lancement');
      const between = calendarSummary(phases, '2027-02-01');
      expect(between.current).to.equal(null);
      expect(between.next?.kind).to.equal('consultation');
      expect(calendarSummary(phases, '2027-05-01').finished).to.equal(true);
      expect(calendarSummary([], '2027-05-01')).to.deep.equal({ current: null, next: null, finished: false });
    });
  });

  describe('theme order', () => {
    it('swaps a theme with its neighbour, and refuses to move past either end', () => {
      expect(moved([1, 2, 3], 3, 'up')).to.deep.equal([1, 3, 2]);
      expect(moved([1, 2, 3], 1, 'down')).to.deep.equal([2, 1, 3]);
      expect(moved([1, 2, 3], 1, 'up')).to.equal(null);
      expect(moved([1, 2, 3], 3, 'down')).to.equal(null);
      expect(moved([1, 2, 3], 9, 'up')).to.equal(null);
    });
  });
});
