import { expect } from 'chai';
import '../../src/modules/stats/messages';
import '../../src/modules/prioritisation/messages';
import { checkBallot, movements, overlaps, remainingPoints, stepState } from '../../src/modules/prioritisation/rules';
import { ballotForm, resultRows, resultsCsv, resultsJson, savedValues } from '../../src/modules/prioritisation/present';
import { orderWithinThemes, priorityResults, rankNeeds, type PriorityBallot, type PriorityNeed } from '../../src/modules/stats/priorities';
import { intakeMode } from '../../src/modules/contributions/calendar';
import { priorityLine } from '../../src/modules/whitepaper/rules';

const NEEDS: PriorityNeed[] = [
  { id: 1, code: 'B-01', title: 'Agenda partagé', themeCode: 'USAGERS', themeTitle: 'Usagers' },
  { id: 2, code: 'B-02', title: 'Dossier unique', themeCode: 'USAGERS', themeTitle: 'Usagers' },
  { id: 3, code: 'B-03', title: '=Export', themeCode: 'OUTILS', themeTitle: 'Outils' },
  { id: 4, code: 'B-04', title: 'Tableau de bord', themeCode: 'OUTILS', themeTitle: 'Outils' },
];
const ballot = (role: string, region: string | null, lines: Record<number, number>): PriorityBallot => ({
  voterRole: role,
  voterRegion: region,
  lines: Object.entries(lines).map(([needId, points]) => ({ needId: Number(needId), points })),
});
const typed = (o: Record<number, string>) => new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));

describe('Prioritisation: a ballot (rules.ts checkBallot)', () => {
  const ids = new Set([1, 2, 3, 4]);

  it('accepts whole numbers up to the budget; empty and 0 give no line', () => {
    const r = checkBallot(typed({ 1: '6', 2: ' 4 ', 3: '', 4: '0' }), ids, 10);
    expect(r).to.deep.equal({ ok: true, value: { lines: [{ needId: 1, points: 6 }, { needId: 2, points: 4 }], total: 10 } });
    expect(checkBallot(typed({}), ids, 10)).to.deep.equal({ ok: true, value: { lines: [], total: 0 } });
  });

  it('refuses a total over the budget next to the points left', () => {
    const r = checkBallot(typed({ 1: '6', 2: '5' }), ids, 10);
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.errors).to.have.all.keys('total');
      expect(r.errors.total).to.match(/réparti 11 points alors que vous en avez 10/);
    }
  });

  it('puts each wrong value next to its field: negative, fractional, text, one need over the budget', () => {
    const r = checkBallot(typed({ 1: '-2', 2: '1,5', 3: 'beaucoup', 4: '12' }), ids, 10);
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.errors.points_1).to.match(/négatif/);
      expect(r.errors.points_2).to.match(/nombres entiers/);
      expect(r.errors.points_3).to.match(/nombre entier de points/);
      expect(r.errors.points_4).to.match(/que de 10 points/);
      expect(r.errors._form).to.equal(undefined);
    }
  });

  it('refuses needs that are not put to the vote, naming them', () => {
    const r = checkBallot(typed({ 1: '1', 99: '2', 7: '1' }), ids, 10);
    expect(r).to.deep.equal({ ok: false, errors: { _form: r.ok ? '' : r.errors._form } });
    if (!r.ok) expect(r.errors._form).to.contain('n° 7, 99');
  });

  it('counts what is left as typed (text ignored), and may go below zero', () => {
    expect(remainingPoints(typed({ 1: '3', 2: 'x', 3: '' }), 10)).to.equal(7);
    expect(remainingPoints(typed({ 1: '8', 2: '5' }), 10)).to.equal(-3);
  });
});

describe('Prioritisation: a step in time', () => {
  const step = { starts_at: new Date('2025-03-03T08:00:00Z'), ends_at: new Date('2025-03-28T17:00:00Z') };

  it('is to come, open from its start (included) to its end (excluded), then closed', () => {
    expect(stepState(step, new Date('2025-03-03T07:59:59Z'))).to.equal('a_venir');
    expect(stepState(step, new Date('2025-03-03T08:00:00Z'))).to.equal('ouverte');
    expect(stepState(step, new Date('2025-03-28T16:59:59Z'))).to.equal('ouverte');
    expect(stepState(step, new Date('2025-03-28T17:00:00Z'))).to.equal('close');
  });

  it('never overlaps another step of the consultation (touching ends are fine)', () => {
    expect(overlaps(step, { starts_at: new Date('2025-03-28T17:00:00Z'), ends_at: new Date('2025-04-10T17:00:00Z') })).to.equal(false);
    expect(overlaps(step, { starts_at: new Date('2025-03-20T08:00:00Z'), ends_at: new Date('2025-04-10T17:00:00Z') })).to.equal(true);
  });
});

describe('Prioritisation results (stats/priorities.ts, pure)', () => {
  const ballots = [
    ballot('contributeur', 'Occitanie', { 1: 6, 3: 4 }),
    ballot('contributeur', 'Bretagne', { 2: 5, 3: 5 }),
    ballot('ambassadeur', 'Occitanie', { 2: 10 }),
    ballot('contributeur', null, { 4: 1, 99: 9 }),
  ];

  it('ranks every need by points, then voters, then its own order, with shared ranks for ties', () => {
    const lines = rankNeeds(NEEDS, ballots);
    expect(lines.map((l) => [l.code, l.points, l.voters, l.rank])).to.deep.equal([
      ['B-02', 15, 2, 1],
      ['B-03', 9, 2, 2],
      ['B-01', 6, 1, 3],
      ['B-04', 1, 1, 4],
    ]);
    expect(lines[0]!.bar).to.equal(100);
    expect(lines[3]!.bar).to.be.at.least(1);
    expect(lines.reduce((n, l) => n + l.share, 0)).to.be.closeTo(1, 1e-9);
    const tie = rankNeeds(NEEDS, [ballot('contributeur', null, { 3: 2, 4: 2 })]);
    expect(tie.map((l) => [l.code, l.rank])).to.deep.equal([['B-03', 1], ['B-04', 1], ['B-01', 3], ['B-02', 3]]);
  });

  it('groups by theme, by region (« Région non renseignée » last) and by role', () => {
    const r = priorityResults(NEEDS, ballots);
    expect(r.ballots).to.equal(4);
    expect(r.points).to.equal(31); // the 9 points on a need no longer put to the vote are left out
    expect(r.byTheme.map((g) => [g.key, g.points, g.lines.map((l) => l.code)])).to.deep.equal([
      ['USAGERS', 21, ['B-02', 'B-01']],
      ['OUTILS', 10, ['B-03', 'B-04']],
    ]);
    expect(r.byRegion.map((g) => [g.label, g.ballots])).to.deep.equal([['Bretagne', 1], ['Occitanie', 2], ['Région non renseignée', 1]]);
    expect(r.byRegion[1]!.lines[0]!.code).to.equal('B-02');
    expect(r.byRole.map((g) => [g.key, g.label, g.ballots])).to.deep.equal([
      ['contributeur', 'Contributeurs et contributrices', 3],
      ['ambassadeur', 'Ambassadeurs et ambassadrices', 1],
    ]);
    const sum = (k: 'points') => r.overall.reduce((n, l) => n + l[k], 0);
    expect(sum('points')).to.equal(r.byTheme.reduce((n, g) => n + g.points, 0));
  });

  it('orders each theme for the white paper, and words a need’s place', () => {
    const order = orderWithinThemes(NEEDS, ballots);
    expect(order.get(2)).to.deep.equal({ position: 1, points: 15, rank: 1 });
    expect(order.get(4)).to.deep.equal({ position: 2, points: 1, rank: 2 });
    expect(priorityLine({ rank: 1, points: 15 })).to.equal('Priorité du réseau : 1re de la thématique, 15 points');
    expect(priorityLine({ rank: 2, points: 1 })).to.equal('Priorité du réseau : 2e de la thématique, 1 point');
  });

  it('tells how one ballot moved the needs', () => {
    const before = rankNeeds(NEEDS, ballots.slice(1));
    const after = rankNeeds(NEEDS, ballots);
    expect(Object.fromEntries(movements(before, after))).to.deep.equal({ 1: 1, 2: 0, 3: 0, 4: -1 });
  });

  it('exports CSV for French Excel (BOM, semicolons, CRLF, formulas neutralised) and JSON without voters', () => {
    const r = priorityResults(NEEDS, ballots);
    const csv = resultsCsv(r);
    expect(csv.startsWith('\uFEFFRegroupement;Catégorie;Rang;Besoin;Intitulé;Thématique;Points;Votants\r\n')).to.equal(true);
    expect(csv).to.contain("Ensemble;Tous les votes;2;B-03;'=Export;Outils;9;2\r\n");
    expect(resultRows(r)).to.have.length(4 + 4 + 4 * 3 + 4 * 2);
    const json = resultsJson({ id: 7, title: 'P', starts_at: new Date('2025-03-03T08:00:00Z'), ends_at: new Date('2025-03-28T17:00:00Z'), budget: 10 }, { slug: 's', title: 'S' }, r, new Date('2025-04-01T00:00:00Z'));
    expect(json.priorisation).to.deep.equal({ id: 7, titre: 'P', debut: '2025-03-03 09:00', fin: '2025-03-28 18:00', fuseau: 'Europe/Paris', points_par_personne: 10 });
    expect(json.classement[0]).to.deep.equal({ rang: 1, besoin: 'B-02', intitule: 'Dossier unique', thematique: 'Usagers', points: 15, votants: 2 });
  });

  it('builds the ballot form by theme with the saved or typed values', () => {
    const needs = NEEDS.map((n) => ({ id: n.id, code: n.code, title: n.title, theme_id: n.themeCode === 'USAGERS' ? 1 : 2, theme_code: n.themeCode, theme_title: n.themeTitle }));
    const form = ballotForm(needs, savedValues(new Map([[2, 4], [3, 0]])));
    expect(form.map((th) => [th.title, th.needs.map((n) => `${n.field}=${n.value}`)])).to.deep.equal([
      ['Usagers', ['points_1=', 'points_2=4']],
      ['Outils', ['points_3=', 'points_4=']],
    ]);
  });
});

describe('Continuous intake (contributions/calendar.ts intakeMode)', () => {
  const phases = [
    { kind: 'consultation', starts_on: '2023-09-01', ends_on: '2023-09-30' },
    { kind: 'publication', starts_on: '2024-01-15', ends_on: '2024-03-13' },
    { kind: 'suivi', starts_on: '2024-03-14', ends_on: '2026-12-31' },
  ];
  const base = { phases, contributionsOverride: null, consultationOpen: false, published: false };

  it('is the consultation itself while its step is open', () => {
    expect(intakeMode({ ...base, consultationOpen: true }, '2023-09-10')).to.equal('consultation');
  });

  it('is a remontée continue during the follow-up phase, or once an edition is out until the follow-up ends', () => {
    expect(intakeMode(base, '2024-03-14')).to.equal('remontee_continue');
    expect(intakeMode(base, '2024-03-13')).to.equal(null);
    expect(intakeMode({ ...base, published: true }, '2024-03-13')).to.equal('remontee_continue');
    expect(intakeMode({ ...base, published: true }, '2027-01-01')).to.equal(null);
    expect(intakeMode({ ...base, phases: phases.slice(0, 2), published: true }, '2030-01-01')).to.equal('remontee_continue');
  });

  it('is closed when the DSI forced contributions closed, and before anything is published', () => {
    expect(intakeMode({ ...base, contributionsOverride: false }, '2025-01-01')).to.equal(null);
    expect(intakeMode({ ...base, phases: phases.slice(0, 2) }, '2025-01-01')).to.equal(null);
  });
});
