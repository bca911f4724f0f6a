import { expect } from 'chai';
import '../../src/modules/stats/messages';
import { barLength, chartLines, figureRows, figuresCsv, figuresJson, funnelChart, funnelSteps, proposalsBeside } from '../../src/modules/stats/present';
import { chartSvg, layoutChart } from '../../src/shared/charts';
import { neutraliseCell } from '../../src/shared/csv';
import type { ParticipationFigures } from '../../src/modules/stats/figures';

const figures: ParticipationFigures = {
  consultationId: 1,
  workshopsHeld: 84,
  participants: 811,
  rawContributions: 1091,
  byTheme: [
    { key: 'USAGERS', label: 'Usagers', count: 600 },
    { key: 'OUTILS', label: '=Outils; "métier"', count: 458 },
    { key: 'A_CLASSER', label: 'À classer', count: 33 },
  ],
  byRegion: [{ key: 'Occitanie', label: 'Occitanie', count: 1091 }],
  bySource: [
    { key: 'atelier', label: 'Ateliers', count: 1091 },
    { key: 'import', label: 'Import de fiches papier', count: 0 },
  ],
  funnel: { rawContributions: 1091, consolidatedContributions: 300, needs: 88, functionalProposals: 0 },
};

describe('Participation figures: presentation (pure)', () => {
  it('draws bars in whole percent of the longest one; a non-zero count always shows', () => {
    expect(barLength(600, 600)).to.equal(100);
    expect(barLength(300, 600)).to.equal(50);
    expect(barLength(1, 10_000)).to.equal(1);
    expect(barLength(0, 600)).to.equal(0);
    expect(barLength(5, 0)).to.equal(0);
  });

  it('gives each line its share of the total and its bar', () => {
    const lines = chartLines(figures.byTheme);
    expect(lines.map((l) => l.bar)).to.deep.equal([100, 76, 6]);
    expect(lines.reduce((n, l) => n + l.share, 0)).to.be.closeTo(1, 1e-9);
    expect(chartLines([{ key: 'x', label: 'x', count: 0 }])[0]).to.include({ share: 0, bar: 0 });
  });

  it('orders the funnel from raw contributions to needs with the ratio to the previous step; proposals are not a step', () => {
    const steps = funnelSteps(figures.funnel);
    expect(steps.map((s) => s.count)).to.deep.equal([1091, 300, 88]);
    expect(steps[0]!.ratioToPrevious).to.equal(null);
    expect(steps[1]!.ratioToPrevious).to.be.closeTo(300 / 1091, 1e-9);
    expect(steps[2]!.label).to.equal('Besoins');
  });

  it('gives the proposals beside the funnel, per need, never as a share of the needs', () => {
    const funnel = { rawContributions: 1193, consolidatedContributions: 300, needs: 88, functionalProposals: 159 };
    const beside = proposalsBeside(funnel);
    expect(beside.perNeed).to.be.closeTo(159 / 88, 1e-9);
    expect(beside.text).to.equal('159 propositions fonctionnelles, soit 1,8 par besoin');
    expect(proposalsBeside({ ...funnel, needs: 0, functionalProposals: 0 }).text).to.equal('0 proposition fonctionnelle');
    const chart = funnelChart(funnel);
    expect(chart.items.map((i) => i.value)).to.deep.equal([1193, 300, 88]);
    expect(chart.aside).to.contain('159 propositions fonctionnelles, soit 1,8 par besoin');
    expect(chart.description).to.not.match(/%/);
    expect(chart.description).to.contain('sans barre');
  });

  it('draws each step of the funnel no wider than the one before, the proposals as text only', () => {
    const layout = layoutChart(funnelChart({ rawContributions: 1193, consolidatedContributions: 300, needs: 88, functionalProposals: 159 }));
    expect(layout.rects).to.have.length(3);
    for (let i = 1; i < layout.rects.length; i++) expect(layout.rects[i]!.w).to.be.at.most(layout.rects[i - 1]!.w);
    expect(layout.texts.map((t) => t.text).some((t) => t.includes('159 propositions'))).to.equal(true);
    const svg = chartSvg(funnelChart({ rawContributions: 1193, consolidatedContributions: 300, needs: 88, functionalProposals: 159 }));
    expect(svg.match(/<rect /g)).to.have.length(3);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const v of ['=1+1', '+33', '-2', '@SUM(A1)']) expect(neutraliseCell(v)).to.equal(`'${v}`);
    expect(neutraliseCell('Île-de-France')).to.equal('Île-de-France');
  });

  it('writes a French CSV: BOM, semicolons, quoted cells, CRLF, no live formula', () => {
    const csv = figuresCsv(figures);
    expect(csv.startsWith('\uFEFFIndicateur;Catégorie;Valeur\r\n')).to.equal(true);
    expect(csv).to.contain('Ateliers tenus;;84\r\n');
    expect(csv).to.contain('Participants;;811\r\n');
    expect(csv).to.contain(`Contributions par thématique;"'=Outils; ""métier""";458\r\n`);
    expect(csv).to.contain('De la contribution à la proposition;Besoins;88\r\n');
    expect(csv.split('\r\n').filter(Boolean)).to.have.length(1 + figureRows(figures).length);
  });

  it('writes the open-data JSON with aggregates only', () => {
    const json = figuresJson(figures, { slug: 's', title: 'T' }, new Date('2026-11-29T10:00:00Z'));
    expect(json).to.deep.include({ ateliers_tenus: 84, participants: 811, contributions_brutes: 1091, calcule_le: '2026-11-29T10:00:00.000Z' });
    expect(json.par_thematique[2]).to.deep.equal({ code: 'A_CLASSER', libelle: 'À classer', contributions: 33 });
    expect(json.entonnoir).to.deep.equal({ contributions_brutes: 1091, contributions_consolidees: 300, besoins: 88, propositions_fonctionnelles: 0 });
  });
});
