import { expect } from 'chai';
import { decideRegistration, formatSchedule, nextDay, parisToUtc, placesLeft, seatsToPromote, utcToParis, type RegistrationContext } from '../../src/modules/workshops/rules';
import { attendanceCsv, BOM, csvLine, safeCell } from '../../src/modules/workshops/attendance-csv';
import { workshopsPolicy } from '../../src/modules/workshops/policy';
import type { Actor, Role } from '../../src/shared/actor';

const now = new Date('2026-11-29T10:00:00Z');
const ctx = (over: Partial<RegistrationContext> = {}): RegistrationContext => ({
  status: 'planifie',
  startsAt: new Date('2026-12-10T08:30:00Z'),
  now,
  capacity: 10,
  registered: 3,
  existing: null,
  waitingList: false,
  ...over,
});

describe('Workshop registration rules', () => {
  it('gives a seat while one is left, even to someone who asked for the waiting list', () => {
    expect(decideRegistration(ctx())).to.deep.equal({ ok: true, status: 'inscrit' });
    expect(decideRegistration(ctx({ registered: 9, waitingList: true }))).to.deep.equal({ ok: true, status: 'inscrit' });
  });

  it('offers the waiting list on a full workshop, and only to those who ask for it', () => {
    expect(decideRegistration(ctx({ registered: 10 }))).to.deep.equal({ ok: false, reason: 'full' });
    expect(decideRegistration(ctx({ registered: 10, waitingList: true }))).to.deep.equal({ ok: true, status: 'liste_attente' });
  });

  it('refuses a closed, cancelled or past workshop, and a second registration', () => {
    expect(decideRegistration(ctx({ status: 'clos' }))).to.deep.equal({ ok: false, reason: 'closed' });
    expect(decideRegistration(ctx({ status: 'annule' }))).to.deep.equal({ ok: false, reason: 'cancelled' });
    expect(decideRegistration(ctx({ startsAt: new Date('2026-11-29T09:59:00Z') }))).to.deep.equal({ ok: false, reason: 'past' });
    expect(decideRegistration(ctx({ existing: 'inscrit' }))).to.deep.equal({ ok: false, reason: 'already' });
    expect(decideRegistration(ctx({ existing: 'liste_attente', registered: 10, waitingList: true }))).to.deep.equal({ ok: false, reason: 'alreadyWaiting' });
  });

  it('lets a person who cancelled register again', () => {
    expect(decideRegistration(ctx({ existing: 'annule' }))).to.deep.equal({ ok: true, status: 'inscrit' });
  });

  it('counts places left and who moves up from the waiting list', () => {
    expect(placesLeft(10, 3)).to.equal(7);
    expect(placesLeft(10, 12)).to.equal(0);
    expect(seatsToPromote(10, 9, 4)).to.equal(1);
    expect(seatsToPromote(10, 10, 4)).to.equal(0);
    expect(seatsToPromote(15, 10, 2)).to.equal(2);
    expect(seatsToPromote(10, 5, 0)).to.equal(0);
  });
});

describe('Paris wall clock of workshops', () => {
  it('converts Paris time to UTC in winter and in summer', () => {
    expect(parisToUtc('2026-12-03', '09:30')!.toISOString()).to.equal('2026-12-03T08:30:00.000Z');
    expect(parisToUtc('2026-07-03', '09:30')!.toISOString()).to.equal('2026-07-03T07:30:00.000Z');
  });

  it('handles the days the clocks change', () => {
    expect(parisToUtc('2026-03-29', '01:30')!.toISOString()).to.equal('2026-03-29T00:30:00.000Z');
    expect(parisToUtc('2026-03-29', '03:30')!.toISOString()).to.equal('2026-03-29T01:30:00.000Z');
    expect(parisToUtc('2026-10-25', '12:00')!.toISOString()).to.equal('2026-10-25T11:00:00.000Z');
  });

  it('refuses impossible dates and times', () => {
    expect(parisToUtc('2026-02-30', '09:00')).to.equal(null);
    expect(parisToUtc('2026-12-03', '24:00')).to.equal(null);
    expect(parisToUtc('03/12/2026', '09:00')).to.equal(null);
  });

  it('reads a stored instant back as the Paris day and time of the form', () => {
    expect(utcToParis(new Date('2026-12-03T08:30:00Z'))).to.deep.equal({ day: '2026-12-03', time: '09:30' });
    expect(utcToParis(new Date('2026-07-03T22:30:00Z'))).to.deep.equal({ day: '2026-07-04', time: '00:30' });
    expect(nextDay('2026-12-31')).to.equal('2027-01-01');
  });

  it('shows the schedule in French', () => {
    expect(formatSchedule(new Date('2026-12-03T08:30:00Z'), new Date('2026-12-03T11:00:00Z'))).to.equal('jeudi 3 décembre 2026, de 09:30 à 12:00');
  });
});

describe('Attendance CSV cells', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(safeCell('=HYPERLINK("http://x","y")')).to.equal('\'=HYPERLINK("http://x","y")');
    expect(safeCell('+33 6 12')).to.equal("'+33 6 12");
    expect(safeCell('-2+3')).to.equal("'-2+3");
    expect(safeCell('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(safeCell('\t=1')).to.equal("'\t=1");
  });

  it('leaves ordinary text, numbers and empty cells alone', () => {
    expect(safeCell('Élodie Ngô')).to.equal('Élodie Ngô');
    expect(safeCell('a=b')).to.equal('a=b');
    expect(safeCell(12)).to.equal('12');
    expect(safeCell(null)).to.equal('');
    expect(safeCell(undefined)).to.equal('');
  });

  it('quotes separators, quotes and line breaks after neutralising', () => {
    expect(csvLine(['a;b', 'dit "oui"', 'ligne\nsuivante', '=1;2'])).to.equal('"a;b";"dit ""oui""";"ligne\nsuivante";"\'=1;2"');
  });

  it('writes a BOM, French headers, semicolons and CRLF lines', () => {
    const csv = attendanceCsv({
      title: 'Atelier',
      schedule: '',
      anonymousAttendees: 2,
      lines: [{ display_name: 'Zoé Lefèvre', email: 'zoe@x.test', structure_name: 'ML Pau', status: 'inscrit', attended: true }],
      statusLabel: () => 'Inscrit(e)',
    });
    expect(csv.startsWith(BOM)).to.equal(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).to.equal('Nom;Adresse électronique;Structure;Inscription;Présence');
    expect(lines[1]).to.equal('Zoé Lefèvre;zoe@x.test;ML Pau;Inscrit(e);Présent(e)');
    expect(lines[2]).to.equal('Participants sans compte;;;;2');
  });
});

describe('Workshops policy', () => {
  const actor = (role: Role, id: number): Actor => ({ id, role, email: `${role}${id}@x.test`, displayName: role, structureId: null });
  const w = { facilitator_id: 5, created_by: 6, status: 'planifie' as const, starts_at: new Date(Date.now() + 86_400_000) };

  it('lets the DSI and ambassadors plan, not contributors nor visitors', () => {
    expect(workshopsPolicy.canPlan(actor('dsi', 1))).to.equal(true);
    expect(workshopsPolicy.canPlan(actor('ambassadeur', 2))).to.equal(true);
    expect(workshopsPolicy.canPlan(actor('contributeur', 3))).to.equal(false);
    expect(workshopsPolicy.canPlan(null)).to.equal(false);
  });

  it('decides on the object: the facilitator, the creator or the DSI run a workshop, not another ambassador', () => {
    expect(workshopsPolicy.canCapture(actor('ambassadeur', 5), w)).to.equal(true);
    expect(workshopsPolicy.canClose(actor('ambassadeur', 6), w)).to.equal(true);
    expect(workshopsPolicy.canRecordAttendance(actor('dsi', 99), w)).to.equal(true);
    expect(workshopsPolicy.canCapture(actor('ambassadeur', 7), w)).to.equal(false);
    expect(workshopsPolicy.canEdit(actor('contributeur', 8), w)).to.equal(false);
  });

  it('opens registration to any logged-in person while the workshop is planned and to come', () => {
    expect(workshopsPolicy.canRegister(actor('contributeur', 8), w)).to.equal(true);
    expect(workshopsPolicy.canRegister(null, w)).to.equal(false);
    expect(workshopsPolicy.canRegister(actor('contributeur', 8), { ...w, status: 'clos' })).to.equal(false);
    expect(workshopsPolicy.canRegister(actor('contributeur', 8), { ...w, starts_at: new Date(Date.now() - 1000) })).to.equal(false);
  });
});
