import { expect } from 'chai';
import { CLOUD_COLORS, cloudSvg, estimatedWidth, layoutCloud, type CloudData } from '../../src/shared/cloud';
import { classBreaks, classOf, layoutRegionMap, MAP_FRAME, niceStep, REGIONS, regionByName, regionMapSvg, regionOutlines } from '../../src/shared/map';
import { cloudTerms, CloudCounter } from '../../src/modules/stats';

const find = (terms: Array<{ text: string }>, text: string) => terms.find((t) => t.text === text);

describe('Word cloud: counting the words of contributions', () => {
  const texts = [
    'Les moyens financiers manquent pour la participation des jeunes.',
    'Plus de moyens financiers, et une vraie participation !',
    'La représentativité des jeunes dans les instances.',
    'Représentativité : qui parle au nom du réseau ?',
  ];

  it('counts the meaningful words and two-word phrases, each contribution once', () => {
    const terms = cloudTerms(texts);
    expect(find(terms, 'moyens')).to.deep.include({ count: 2, kind: 'mot' });
    expect(find(terms, 'financiers')).to.deep.include({ count: 2, kind: 'mot' });
    expect(find(terms, 'participation')).to.deep.include({ count: 2 });
    expect(find(terms, 'représentativité')).to.deep.include({ count: 2 });
    expect(find(terms, 'moyens financiers')).to.deep.include({ count: 2, kind: 'expression' });
    expect(cloudTerms(['moyens moyens moyens, toujours des moyens'])[0]).to.deep.include({ text: 'moyens', count: 1 });
  });

  it('drops French stop words, request phrasing and numbers', () => {
    const words = cloudTerms(texts).map((t) => t.text);
    for (const stop of ['les', 'la', 'des', 'de', 'pour', 'plus', 'et', 'une', 'qui', 'au', 'du', 'dans']) expect(words).not.to.include(stop);
    expect(cloudTerms(['Il faudrait pouvoir, on a besoin de ça en 2024, vraiment.'])).to.deep.equal([]);
  });

  it('groups the forms of a word under its most written form (accents kept, acronyms in capitals)', () => {
    const terms = cloudTerms(['Un partenaire financier.', 'Des partenaires financiers.', 'Les financiers sont là.', 'Le CEJ, encore le CEJ.', 'le cej']);
    expect(find(terms, 'financiers')).to.deep.include({ count: 3 });
    expect(find(terms, 'financier')).to.equal(undefined);
    expect(find(terms, 'CEJ')).to.deep.include({ count: 2 });
  });

  it('takes a phrase only from words written one after the other', () => {
    expect(find(cloudTerms(['moyens, financiers', 'moyens. Financiers']), 'moyens financiers')).to.equal(undefined);
    expect(find(cloudTerms(['moyens financiers', 'moyens financiers']), 'moyens financiers')).to.deep.include({ count: 2 });
    // A phrase seen in a single contribution is not shown.
    expect(find(cloudTerms(['moyens financiers']), 'moyens financiers')).to.equal(undefined);
  });

  it('does not depend on the reading order, and bounds the number of terms', () => {
    const a = cloudTerms(texts);
    const b = cloudTerms([...texts].reverse());
    expect(a).to.deep.equal(b);
    const many = Array.from({ length: 100 }, (_v, i) => `mot${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))} partage`);
    const counter = new CloudCounter();
    for (const t of many) counter.add(t);
    expect(counter.terms({ words: 5, phrases: 2 }).filter((t) => t.kind === 'mot')).to.have.length(5);
    expect(counter.contributions).to.equal(100);
  });
});

describe('Word cloud: layout', () => {
  const data: CloudData = {
    id: 'essai',
    title: 'Nuage',
    description: 'Essai',
    terms: ['moyens', 'financiers', 'participation', 'représentativité', 'moyens financiers', 'jeunes', 'réseau', 'outil', 'CEJ', 'formation', 'accompagnement', 'partenaires'].map((text, i) => ({ text, count: 60 - i * 5 })),
  };

  it('is deterministic and sizes the words by frequency', () => {
    const a = layoutCloud(data);
    expect(layoutCloud(data)).to.deep.equal(a);
    expect(a.words).to.have.length(data.terms.length);
    const size = (t: string) => a.words.find((w) => w.text === t)!.size;
    expect(size('moyens')).to.be.greaterThan(size('partenaires'));
    expect(size('moyens')).to.equal(34);
    expect(size('partenaires')).to.equal(11);
  });

  it('keeps every word inside the frame and apart from every other', () => {
    const l = layoutCloud(data);
    const box = (w: (typeof l.words)[number]) => {
      const width = estimatedWidth(w.text, w.size, w.bold);
      return { x0: w.x - width / 2, x1: w.x + width / 2, y0: w.y - w.size, y1: w.y + w.size * 0.25 };
    };
    for (const w of l.words) {
      const b = box(w);
      expect(b.x0).to.be.at.least(-0.01);
      expect(b.x1).to.be.at.most(l.width + 0.01);
      expect(b.y0).to.be.at.least(-0.01);
      expect(b.y1).to.be.at.most(l.height + 0.01);
    }
    for (let i = 0; i < l.words.length; i++) {
      for (let j = i + 1; j < l.words.length; j++) {
        const a = box(l.words[i]!), b = box(l.words[j]!);
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${l.words[i]!.text} / ${l.words[j]!.text}`).to.equal(false);
      }
    }
  });

  it('is an image named by its title and described, in colours readable on white', () => {
    const svg = cloudSvg(data);
    expect(svg).to.match(/role="img" aria-labelledby="essai-titre essai-desc"/);
    expect(svg).to.include('<title id="essai-titre">Nuage</title>');
    expect(svg).not.to.include('style=');
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const c of CLOUD_COLORS) expect(1.05 / (luminance(c) + 0.05)).to.be.at.least(7);
  });
});

describe('Map of the regions', () => {
  it('has an outline for each of the 18 regions, projected inside the frame', () => {
    const outlines = regionOutlines();
    expect(REGIONS).to.have.length(18);
    expect(REGIONS.filter((r) => r.overseas).map((r) => r.name)).to.deep.equal(['Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte']);
    for (const r of REGIONS) {
      const o = outlines.get(r.code);
      expect(o, r.name).to.not.equal(undefined);
      const numbers = o!.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      const xs = numbers.filter((_n, i) => i % 2 === 0);
      const ys = numbers.filter((_n, i) => i % 2 === 1);
      const frame = r.overseas ? MAP_FRAME.insets[r.code]!.box : MAP_FRAME.metropole;
      expect(Math.min(...xs), r.name).to.be.at.least(frame.x - 0.5);
      expect(Math.max(...xs), r.name).to.be.at.most(frame.x + frame.w + 0.5);
      expect(Math.min(...ys), r.name).to.be.at.least(frame.y - 0.5);
      expect(Math.max(...ys), r.name).to.be.at.most(frame.y + frame.h + 0.5);
    }
    // Lambert: Brittany is west of Alsace's Grand Est, Corsica south-east of Île-de-France.
    const centre = (code: string) => outlines.get(code)!.label;
    expect(centre('BRE')[0]).to.be.lessThan(centre('GES')[0]);
    expect(centre('COR')[0]).to.be.greaterThan(centre('IDF')[0]);
    expect(centre('COR')[1]).to.be.greaterThan(centre('IDF')[1]);
  });

  it('matches the region names the network writes', () => {
    expect(regionByName("Provence-Alpes-Côte d'Azur")!.code).to.equal('PAC');
    expect(regionByName('Provence-Alpes-Côte d’Azur')!.code).to.equal('PAC');
    expect(regionByName('La Réunion')!.code).to.equal('REU');
    expect(regionByName('reunion')!.code).to.equal('REU');
    expect(regionByName('ILE-DE-FRANCE')!.code).to.equal('IDF');
    expect(regionByName('Guyane française')!.code).to.equal('GUF');
    expect(regionByName('Atlantide')).to.equal(undefined);
  });

  it('breaks the values into round classes, « aucun » for zero', () => {
    expect(niceStep(55)).to.equal(60);
    expect(niceStep(3)).to.equal(3);
    const classes = classBreaks([0, 5, 221, 100]);
    expect(classes.map((c) => c.label)).to.deep.equal(['aucun', '1 à 60', '61 à 120', '121 à 180', '181 à 240']);
    expect(classOf(0, classes).label).to.equal('aucun');
    expect(classOf(221, classes).label).to.equal('181 à 240');
    expect(classBreaks([0, 0]).map((c) => c.label)).to.deep.equal(['aucun']);
    expect(classBreaks([1, 2, 3]).map((c) => c.label)).to.deep.equal(['aucun', '1', '2', '3']);
  });

  it('writes every value on its region and stays small', () => {
    const values = REGIONS.map((r, i) => ({ code: r.code, value: i * 7 }));
    const data = { id: 'carte', title: 'Contributions par région', description: 'Essai', unit: 'contributions', values };
    const layout = layoutRegionMap(data);
    expect(layout.shapes).to.have.length(18);
    for (const v of values) expect(layout.texts.some((t) => t.text === String(v.value))).to.equal(true);
    expect(layoutRegionMap(data)).to.deep.equal(layout);
    const svg = regionMapSvg(data);
    expect(svg).to.match(/role="img" aria-labelledby="carte-titre carte-desc"/);
    expect(Buffer.byteLength(svg)).to.be.lessThan(100_000);
  });
});
