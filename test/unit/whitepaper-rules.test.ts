import { expect } from 'chai';
import { chartSvg, layoutChart, type ChartData } from '../../src/shared/charts';
import { frenchSpacing } from '../../src/shared/text/typography';
import { anchorOf, chaptersOf, DOCUMENT_FORMAT, type DocumentNeed, type WhitePaperDocument } from '../../src/modules/whitepaper/document';
import { changelog, missingForPublication, readSnapshot, traceLine } from '../../src/modules/whitepaper/rules';
import { publishedHtml } from '../../src/modules/whitepaper/present';

const chart = (kind: ChartData['kind'], items: ChartData['items']): ChartData => ({ id: 'c', title: 'Titre', description: 'Desc', kind, items });

function need(code: string, title: string, proposals: Array<[string, string]> = [[`${code}.1`, 'Proposition']]): DocumentNeed {
  return {
    code,
    title,
    descriptionMd: `Description de ${code}`,
    trace: { rawContributions: 3, consolidatedContributions: 1, workshops: 2, regions: 1 },
    quotes: [],
    proposals: proposals.map(([c, t]) => ({ code: c, title: t, descriptionMd: '', priority: 'haute', targetStream: '' })),
  };
}

function doc(themes: Array<{ code: string; title?: string; intro?: string; needs: DocumentNeed[] }>): WhitePaperDocument {
  const empty = chart('bars', []);
  return {
    format: DOCUMENT_FORMAT,
    consultation: { slug: 's', title: 'Consultation' },
    title: 'Livre blanc',
    subtitle: '',
    author: 'DSI',
    edition: null,
    generatedAt: '2024-03-13T09:00:00.000Z',
    sections: { forewordMd: '', methodMd: '', conclusionMd: '', acknowledgementsMd: '' },
    figures: { workshops: 0, participants: 0, rawContributions: 0, consolidatedContributions: 0, needs: 0, proposals: 0, ambassadors: 0, regions: 0 },
    charts: { funnel: empty, contributionsByTheme: empty, workshopsByRegion: empty },
    themes: themes.map((th) => ({ code: th.code, title: th.title ?? th.code, introMd: th.intro ?? 'Intro', needs: th.needs })),
    appendices: { workshops: [], ambassadors: [] },
  };
}

const fullContent = { title: 'T', subtitle: '', foreword_md: 'a', method_md: 'b', conclusion_md: 'c', acknowledgements_md: 'd' };

describe('White paper rules', () => {
  describe('traceLine', () => {
    it('writes French plurals and leaves out what is zero', () => {
      expect(traceLine({ rawContributions: 14, consolidatedContributions: 3, workshops: 6, regions: 4 })).to.equal('Issu de 14 contributions, 6 ateliers, 4 régions');
      expect(traceLine({ rawContributions: 1, consolidatedContributions: 1, workshops: 1, regions: 1 })).to.equal('Issu de 1 contribution, 1 atelier, 1 région');
      expect(traceLine({ rawContributions: 2, consolidatedContributions: 1, workshops: 0, regions: 0 })).to.equal('Issu de 2 contributions');
      expect(traceLine({ rawContributions: 1091, consolidatedContributions: 1, workshops: 0, regions: 0 })).to.equal('Issu de 1\u202f091 contributions');
    });
  });

  describe('missingForPublication', () => {
    it('lists every unwritten section, theme introduction, and the absence of needs', () => {
      const empty = { title: '', subtitle: '', foreword_md: ' ', method_md: '', conclusion_md: '', acknowledgements_md: '' };
      const missing = missingForPublication(empty, doc([]), () => undefined);
      expect(missing.map((m) => m.field)).to.deep.equal(['', 'title', 'foreword_md', 'method_md', 'conclusion_md', 'acknowledgements_md']);
      expect(missing[0]!.message).to.match(/Aucun besoin validé/);
      expect(missing[3]!.message).to.equal('La méthode n’est pas rédigée.');
    });

    it('asks for the introduction of each theme that has needs, pointing at its field', () => {
      const d = doc([{ code: 'USAGERS', title: 'Usagers', intro: '', needs: [need('B-01', 'Un')] }, { code: 'VIDE', intro: '', needs: [] }]);
      const missing = missingForPublication(fullContent, d, (code) => (code === 'USAGERS' ? 7 : 8));
      expect(missing).to.deep.equal([{ field: 'intro_7', message: 'L’introduction de la thématique « Usagers » n’est pas rédigée.' }]);
    });

    it('finds nothing missing in a complete document (the subtitle is optional)', () => {
      expect(missingForPublication(fullContent, doc([{ code: 'A', needs: [need('B-01', 'Un')] }]), () => 1)).to.deep.equal([]);
    });
  });

  describe('changelog', () => {
    it('finds needs and proposals added, changed and removed, by code', () => {
      const before = doc([{ code: 'A', needs: [need('B-01', 'Un'), need('B-02', 'Deux', [['B-02.1', 'P'], ['B-02.2', 'Q']])] }]);
      const changedNeed = { ...need('B-02', 'Deux bis', [['B-02.1', 'P modifiée']]) };
      const after = doc([{ code: 'A', needs: [need('B-01', 'Un'), changedNeed] }, { code: 'B', needs: [need('B-03', 'Trois')] }]);
      const c = changelog(before, after);
      expect(c.needs.added.map((x) => x.code)).to.deep.equal(['B-03']);
      expect(c.needs.changed).to.deep.equal([{ code: 'B-02', title: 'Deux bis', anchor: 'besoin-B-02', what: ['titre'] }]);
      expect(c.needs.removed).to.deep.equal([]);
      expect(c.proposals.added.map((x) => x.code)).to.deep.equal(['B-03.1']);
      expect(c.proposals.changed.map((x) => [x.code, x.what])).to.deep.equal([['B-02.1', ['titre']]]);
      expect(c.proposals.removed.map((x) => x.anchor)).to.deep.equal(['proposition-B-02-2']);
    });

    it('reports a need moved to another theme, and nothing for identical editions', () => {
      const a = doc([{ code: 'A', needs: [need('B-01', 'Un')] }, { code: 'B', needs: [] }]);
      const b = doc([{ code: 'A', needs: [] }, { code: 'B', needs: [need('B-01', 'Un')] }]);
      expect(changelog(a, b).needs.changed[0]!.what).to.deep.equal(['thématique']);
      const same = changelog(a, a);
      expect([...same.needs.added, ...same.needs.changed, ...same.needs.removed, ...same.proposals.changed]).to.have.length(0);
    });

    it('orders codes numerically (B-10 after B-9)', () => {
      const c = changelog(doc([]), doc([{ code: 'A', needs: [need('B-10', 'Dix'), need('B-9', 'Neuf')] }]));
      expect(c.needs.added.map((x) => x.code)).to.deep.equal(['B-9', 'B-10']);
    });
  });

  it('reads back only snapshots of the current format', () => {
    expect(readSnapshot(JSON.stringify(doc([])))).to.not.equal(null);
    expect(readSnapshot('{"figures":{}}')).to.equal(null);
    expect(readSnapshot('pas du JSON')).to.equal(null);
  });

  it('gives stable anchors and a table of contents with every need', () => {
    expect(anchorOf('proposition', 'B-01.2')).to.equal('proposition-B-01-2');
    const chapters = chaptersOf(doc([{ code: 'USAGERS', title: 'Usagers', needs: [need('B-01', 'Un')] }]));
    expect(chapters.map((c) => c.key)).to.deep.equal(['avant-propos', 'chiffres', 'methode', 'theme-USAGERS', 'conclusion', 'remerciements', 'annexes']);
    expect(chapters[3]!.children).to.deep.equal([{ key: 'besoin-B-01', title: 'B-01 — Un' }]);
  });
});

describe('French typography', () => {
  it('puts non-breaking spaces before high punctuation and inside guillemets', () => {
    expect(frenchSpacing('Pourquoi ? Parce que : voilà ; enfin !')).to.equal('Pourquoi\u202f? Parce que\u00a0: voilà\u202f; enfin\u202f!');
    expect(frenchSpacing('« Bonjour »')).to.equal('«\u00a0Bonjour\u00a0»');
    expect(frenchSpacing('«Bonjour»')).to.equal('«\u00a0Bonjour\u00a0»');
  });

  it('leaves addresses and times alone', () => {
    expect(frenchSpacing('https://exemple.fr/?q=1 à 10:30')).to.equal('https://exemple.fr/?q=1 à 10:30');
  });

  it('publishes Markdown sanitised: no script, no image, no raw HTML', () => {
    const html = publishedHtml('Texte : **gras**\n\n<script>alert(1)</script>\n\n![x](http://evil.example/p.png)\n\n<div onclick="x()">brut</div>');
    expect(html).to.contain('<strong>gras</strong>');
    expect(html).to.contain('Texte\u00a0:');
    expect(html).to.not.match(/<script|<img|<div|onclick|evil\.example/);
  });
});

describe('Charts', () => {
  it('draws bars proportional to their values, with every value written', () => {
    const l = layoutChart(chart('bars', [{ label: 'Usagers', value: 300 }, { label: 'Pilotage', value: 150 }, { label: 'Vide', value: 0 }]), 456);
    expect(l.rects).to.have.length(3);
    expect(l.rects[0]!.w).to.equal(400);
    expect(l.rects[1]!.w).to.equal(200);
    expect(l.rects[2]!.w).to.equal(0);
    expect(l.texts.map((t) => t.text)).to.include.members(['Usagers', '300', 'Pilotage', '150', 'Vide', '0']);
  });

  it('centres the funnel steps, each narrower than the last', () => {
    const l = layoutChart(chart('funnel', [{ label: 'brutes', value: 1091 }, { label: 'besoins', value: 88 }]), 480);
    expect(l.rects[0]!.x).to.equal(0);
    expect(l.rects[1]!.x + l.rects[1]!.w / 2).to.be.closeTo(240, 0.001);
    expect(l.texts[0]!.text).to.equal('1\u202f091 brutes');
  });

  it('renders accessible SVG with escaped text and no style attribute', () => {
    const svg = chartSvg({ ...chart('bars', [{ label: 'R&D <b>', value: 2 }]), title: 'Ateliers « par » région' });
    expect(svg).to.match(/^<svg [^>]*role="img" aria-labelledby="c-titre c-desc"/);
    expect(svg).to.contain('<title id="c-titre">Ateliers « par » région</title>');
    expect(svg).to.contain('R&amp;D &lt;b&gt;');
    expect(svg).to.not.contain('style=');
  });
});
