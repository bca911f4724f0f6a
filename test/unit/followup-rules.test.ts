import { expect } from 'chai';
import { DELIVERED_STATUS, TAKEN_STATUSES, capacityUseOf, uptakeBy, uptakeOf, uptakeOverTime } from '../../src/modules/stats';
import { STATUSES, STREAMS, needStatusOf, streamFromTarget } from '../../src/modules/followup';
import { isCalendarDay, normaliseDay, parseLinks, readLinks } from '../../src/modules/followup/rules';
import { bulkSchema, changeSchema, capacitySchema, filtersSchema } from '../../src/modules/followup/validation';
import { filterNeeds, indicatorOf, needsOf, paginate } from '../../src/modules/followup/present';
import { atomFeed, tagAuthority, xmlText } from '../../src/modules/followup/atom';
import type { FeedEntryRow, FollowedRow } from '../../src/modules/followup/reads';
import { stepChartSvg } from '../../src/shared/charts';
import { fieldErrors } from '../../src/shared/validation';
import { atomEntries, atomProblems, parseXml } from '../support/atom';

const row = (id: number, needId: number, status: string | null, extra: Partial<FollowedRow> = {}): FollowedRow => ({
  id, code: `B-0${needId}.${id}`, title: `Proposition ${id}`, priority: 'moyenne', targetStream: '', needId, needCode: `B-0${needId}`, needTitle: `Besoin ${needId}`,
  themeId: 1, themeCode: 'T1', themeTitle: 'Thème 1', status, stream: null, effectiveOn: status ? '2025-01-01' : null, estimate: null, links: [], ...extra,
});

describe('Follow-up rules: statuses, streams, links, dates', () => {
  it('rolls a need\u2019s status up from its proposals', () => {
    expect(needStatusOf([])).to.equal('a_etudier');
    expect(needStatusOf([null, null])).to.equal('a_etudier');
    expect(needStatusOf(['non_retenue', 'non_retenue'])).to.equal('non_retenue');
    expect(needStatusOf(['livree', 'non_retenue'])).to.equal('livree');
    expect(needStatusOf(['livree', 'livree'])).to.equal('livree');
    expect(needStatusOf(['livree', 'a_etudier'])).to.equal('en_cours');
    expect(needStatusOf(['en_cours', 'retenue'])).to.equal('en_cours');
    expect(needStatusOf(['planifiee', 'retenue', null])).to.equal('planifiee');
    expect(needStatusOf(['retenue', 'non_retenue', 'a_etudier'])).to.equal('retenue');
    expect(needStatusOf(['inconnu'])).to.equal('a_etudier');
  });

  it('knows the eight streams of the shared system and finds one in a proposal\u2019s free-text « flux cible »', () => {
    expect(STREAMS).to.have.length(8);
    expect(streamFromTarget('Usagers & offres de services')).to.equal('usagers');
    expect(streamFromTarget('Décisionnel, pilotage et statistiques')).to.equal('pilotage');
    expect(streamFromTarget('  socle TRANSVERSE ')).to.equal('socle');
    expect(streamFromTarget('Cohabitation et migration')).to.equal('cohabitation');
    expect(streamFromTarget('')).to.equal(null);
    expect(streamFromTarget('Autre chose')).to.equal(null);
  });

  it('accepts only http(s) backlog links, one per line, without duplicates', () => {
    expect(parseLinks('https://a.example/1\n\n http://b.example/2 \nhttps://a.example/1')).to.deep.equal({ links: ['https://a.example/1', 'http://b.example/2'], bad: null });
    expect(parseLinks('https://a.example/1\njavascript:alert(1)').bad).to.equal('javascript:alert(1)');
    expect(parseLinks('ftp://x.example/').bad).to.equal('ftp://x.example/');
    expect(parseLinks('pas une adresse').bad).to.equal('pas une adresse');
    expect(readLinks('["https://a.example/","javascript:x",3]')).to.deep.equal(['https://a.example/']);
    expect(readLinks('{cassé')).to.deep.equal([]);
  });

  it('reads calendar days, typed the French way or as ISO', () => {
    expect(isCalendarDay('2024-02-29')).to.equal(true);
    expect(isCalendarDay('2025-02-29')).to.equal(false);
    expect(isCalendarDay('2025-13-01')).to.equal(false);
    expect(normaliseDay('4/3/2025')).to.equal('2025-03-04');
    expect(normaliseDay('2025-03-04')).to.equal('2025-03-04');
  });

  it('validates a change: a comment for « Non retenue » and « Livrée », known status and stream, a real past date', () => {
    const ok = changeSchema.safeParse({ status: 'livree', stream: 'socle', effectiveOn: '14/03/2025', comment: 'Livré en v2', links: 'https://x.example/1', estimate: ' 12 ' });
    expect(ok.success).to.equal(true);
    expect(ok.data).to.deep.equal({ status: 'livree', stream: 'socle', effectiveOn: '2025-03-14', comment: 'Livré en v2', links: ['https://x.example/1'], estimate: 12 });
    const errors = (input: Record<string, unknown>) => {
      const r = changeSchema.safeParse({ status: 'retenue', stream: '', effectiveOn: '2025-03-14', comment: '', links: '', estimate: '', ...input });
      return r.success ? {} : fieldErrors(r.error);
    };
    expect(errors({})).to.deep.equal({});
    expect(errors({ status: 'non_retenue' }).comment).to.match(/obligatoire pour le statut « Non retenue »/);
    expect(errors({ status: 'livree', comment: '   ' }).comment).to.match(/« Livrée »/);
    expect(errors({ status: 'abandonnee' }).status).to.match(/Statut inconnu/);
    expect(errors({ status: '' }).status).to.match(/Choisissez le statut/);
    expect(errors({ stream: 'lune' }).stream).to.match(/Chantier inconnu/);
    expect(errors({ effectiveOn: 'hier' }).effectiveOn).to.match(/pas une date valide/);
    expect(errors({ effectiveOn: '2999-01-01' }).effectiveOn).to.match(/postérieure/);
    expect(errors({ links: 'mailto:a@b.fr' }).links).to.match(/http:\/\/ ou https:\/\//);
    expect(errors({ estimate: '1,5' }).estimate).to.match(/nombre entier/);
    expect(errors({ comment: 'a\u0007b' }).comment).to.be.a('string');
  });

  it('validates a bulk change: at least one proposal, canonical ids only', () => {
    const base = { status: 'retenue', stream: '', effectiveOn: '2025-03-14', comment: '' };
    expect(bulkSchema.safeParse({ ...base, proposalIds: ['3', '3', '7'] }).data?.proposalIds).to.deep.equal([3, 7]);
    expect(bulkSchema.safeParse({ ...base, proposalIds: '5' }).data?.proposalIds).to.deep.equal([5]);
    const none = bulkSchema.safeParse(base);
    expect(none.success ? {} : fieldErrors(none.error)).to.have.property('proposalIds').that.matches(/Cochez au moins une/);
    const odd = bulkSchema.safeParse({ ...base, proposalIds: ['0x10'] });
    expect(odd.success ? {} : fieldErrors(odd.error)).to.have.property('proposalIds');
  });

  it('validates the capacity per stream and ignores odd filters', () => {
    expect(capacitySchema.safeParse({ year: '2026', capacity_socle: '1 200', capacity_usagers: '' }).data).to.deep.equal({ year: 2026, perStream: { socle: 1200, usagers: null } });
    const bad = capacitySchema.safeParse({ year: '26', capacity_socle: '-1', capacity_lune: '3' });
    expect(bad.success ? {} : Object.keys(fieldErrors(bad.error)).sort()).to.deep.equal(['capacity_lune', 'capacity_socle', 'year']);
    expect(filtersSchema.parse({ status: 'nope', stream: 'socle', theme: '<b>', page: '-2' })).to.deep.equal({ theme: '', stream: 'socle', status: '', region: '', page: 1 });
  });
});

describe('The uptake indicator (stats, pure functions)', () => {
  it('counts the share taken into account (retenue → livrée) and the share delivered', () => {
    expect([...TAKEN_STATUSES].sort()).to.deep.equal(['en_cours', 'livree', 'planifiee', 'retenue']);
    expect(STATUSES).to.include.members([...TAKEN_STATUSES, DELIVERED_STATUS]);
    const u = uptakeOf(['retenue', 'planifiee', 'en_cours', 'livree', 'non_retenue', 'a_etudier', null, null]);
    expect(u).to.deep.equal({ total: 8, taken: 4, delivered: 1, rejected: 1, takenShare: 0.5, deliveredShare: 0.125 });
    expect(uptakeOf([])).to.include({ total: 0, takenShare: 0, deliveredShare: 0 });
  });

  it('weighs each proposal when weights are given (priority points), a missing or negative weight counting 0', () => {
    const u = uptakeOf(['livree', 'a_etudier', 'retenue'], [3, 1, -5]);
    expect(u).to.include({ total: 4, taken: 3, delivered: 3, takenShare: 0.75 });
  });

  it('groups by any key, an item counting in each of its groups, listed groups first (empty ones included)', () => {
    const items = [{ s: 'retenue', k: ['A', 'B'] }, { s: null, k: ['A'] }, { s: 'livree', k: ['C'] }];
    const lines = uptakeBy(items, (i) => i.s, (i) => i.k, [{ key: 'B', label: 'Bé' }, { key: 'Z', label: 'Zed' }]);
    expect(lines.map((l) => [l.key, l.label, l.total, l.taken])).to.deep.equal([['B', 'Bé', 1, 1], ['Z', 'Zed', 0, 0], ['A', 'A', 2, 1], ['C', 'C', 1, 1]]);
  });

  it('draws the indicator over time: one point per day of change, the last status of each proposal that day', () => {
    const points = uptakeOverTime(
      [
        { proposalId: 1, status: 'a_etudier', on: '2024-03-28' },
        { proposalId: 2, status: 'a_etudier', on: '2024-03-28' },
        { proposalId: 1, status: 'retenue', on: '2024-06-20' },
        { proposalId: 2, status: 'retenue', on: '2024-06-20' },
        { proposalId: 2, status: 'non_retenue', on: '2024-06-20' },
        { proposalId: 1, status: 'livree', on: '2025-01-23' },
        // Recorded later with an earlier date: it still sorts by day.
        { proposalId: 3, status: 'retenue', on: '2024-10-17' },
        { proposalId: 99, status: 'retenue', on: '2024-10-17' },
      ],
      4,
      new Set([1, 2, 3, 4]),
    );
    expect(points).to.deep.equal([
      { on: '2024-03-28', taken: 0, delivered: 0, takenShare: 0, deliveredShare: 0 },
      { on: '2024-06-20', taken: 1, delivered: 0, takenShare: 0.25, deliveredShare: 0 },
      { on: '2024-10-17', taken: 2, delivered: 0, takenShare: 0.5, deliveredShare: 0 },
      { on: '2025-01-23', taken: 2, delivered: 1, takenShare: 0.5, deliveredShare: 0.25 },
    ]);
    expect(uptakeOverTime([], 0)).to.deep.equal([]);
  });

  it('measures what the retained proposals use of a capacity, from their estimates', () => {
    expect(capacityUseOf(100, [{ status: 'retenue', estimate: 30 }, { status: 'livree', estimate: 20 }, { status: 'en_cours', estimate: null }, { status: 'a_etudier', estimate: 50 }, { status: 'non_retenue', estimate: 9 }]))
      .to.deep.equal({ reserved: 100, used: 50, share: 0.5, unestimated: 1 });
    expect(capacityUseOf(0, [{ status: 'retenue', estimate: 5 }]).share).to.equal(null);
  });
});

describe('The follow-up\u2019s view models', () => {
  const rows = [
    row(1, 1, 'livree', { stream: 'socle' }), row(2, 1, 'non_retenue'), row(3, 2, null), row(4, 2, 'retenue', { stream: 'usagers', themeCode: 'T1' }),
    row(5, 3, 'en_cours', { stream: 'socle', themeCode: 'T2', themeTitle: 'Thème 2' }),
  ];
  const regions = new Map([[1, ['Occitanie']], [2, ['Bretagne', 'Occitanie']]]);

  it('groups proposals by need with their rolled-up status and regions, and filters them', () => {
    const needs = needsOf(rows, regions);
    expect(needs.map((n) => [n.code, n.status, n.regions.length])).to.deep.equal([['B-01', 'livree', 1], ['B-02', 'retenue', 2], ['B-03', 'en_cours', 0]]);
    const f = (x: Partial<ReturnType<typeof filtersSchema.parse>>) => filterNeeds(needs, { theme: '', stream: '', status: '', region: '', page: 1, ...x }).map((n) => `${n.code}:${n.proposals.map((p) => p.id).join(',')}`);
    expect(f({ theme: 'T2' })).to.deep.equal(['B-03:5']);
    expect(f({ region: 'Bretagne' })).to.deep.equal(['B-02:3,4']);
    expect(f({ status: 'a_etudier' })).to.deep.equal(['B-02:3']);
    expect(f({ stream: 'socle' })).to.deep.equal(['B-01:1', 'B-03:5']);
    expect(f({ stream: 'aucun' })).to.deep.equal(['B-01:2', 'B-02:3']);
    expect(paginate([1, 2, 3, 4, 5], 9, 2)).to.deep.equal({ items: [5], page: 3, pages: 3, total: 5 });
  });

  it('computes the indicator overall, per theme, stream and region (a need counting in each of its regions)', () => {
    const ind = indicatorOf(rows, regions, [{ proposalId: 1, status: 'livree', on: '2025-01-01' }], [{ code: 'T1', title: 'Thème 1' }, { code: 'T2', title: 'Thème 2' }, { code: 'T3', title: 'Vide' }]);
    expect(ind.overall).to.include({ total: 5, taken: 3, delivered: 1 });
    expect(ind.byTheme.map((l) => [l.key, l.total, l.taken])).to.deep.equal([['T1', 4, 2], ['T2', 1, 1]]);
    expect(ind.byStream.map((l) => [l.key, l.total])).to.deep.equal([['socle', 2], ['usagers', 1], ['aucun', 2]]);
    expect(ind.byRegion.map((l) => [l.key, l.total, l.taken])).to.deep.equal([['Bretagne', 2, 1], ['Occitanie', 4, 2]]);
    expect(ind.byStatus.find((s) => s.key === 'a_etudier')!.count).to.equal(1);
    expect(ind.timeline).to.deep.equal([{ on: '2025-01-01', taken: 1, delivered: 1, takenShare: 0.2, deliveredShare: 0.2 }]);
  });
});

describe('The step chart and the Atom feed', () => {
  it('draws an accessible SVG: named and described, one step line per series, labelled axes', () => {
    const svg = stepChartSvg({ id: 'x<', title: 'Titre & « co »', description: 'Desc', days: ['2024-03-28', '2025-01-23'], series: [{ label: 'A', values: [0, 0.5] }, { label: 'B', values: [0, 0.25] }], until: '2026-12-02' });
    const doc = parseXml(svg);
    expect(doc.local).to.equal('svg');
    expect(doc.attributes.role).to.equal('img');
    expect(doc.children.filter((c) => c.local === 'polyline')).to.have.length(2);
    expect(doc.children.find((c) => c.local === 'title')!.text).to.equal('Titre & « co »');
    expect(svg).to.contain('100 %');
    expect(svg).to.match(/aujourd’hui : 50\s%/u);
    expect(stepChartSvg({ id: 'v', title: 't', description: 'd', days: [], series: [{ label: 'A', values: [] }] })).to.contain('</svg>');
  });

  it('escapes text for XML and keeps tag URIs valid', () => {
    expect(xmlText('a<b>&"\'\u0001z')).to.equal('a&lt;b&gt;&amp;&quot;&apos;z');
    expect(tagAuthority('Ensemble.Example.ORG:3000')).to.equal('ensemble.example.org');
    expect(tagAuthority('[::1]:80')).to.equal('localhost');
  });

  it('writes a feed that passes every RFC 4287 check, with hostile text read back intact', () => {
    const entry = (id: number, comment: string): FeedEntryRow => ({
      id, proposalId: 7, status: 'non_retenue', stream: 'socle', effectiveOn: '2025-04-17', comment, links: ['https://b.example/?a=1&b=2'], estimate: null, changedBy: null,
      createdAt: new Date(Date.UTC(2025, 3, 17, 15, id)), proposalCode: 'B-01.1', proposalTitle: 'Titre <i>', needCode: 'B-01', needTitle: 'Besoin & co',
    });
    const hostile = 'Refusé </content><script>alert("x")</script> & \u0000 ]]> « fin »';
    const xml = atomFeed({
      origin: 'http://127.0.0.1:3000', host: '127.0.0.1', consultation: { id: 1, slug: 'c', createdDay: '2023-05-02' }, title: 'Suivi & <test>',
      pagePath: '/consultations/c/suivi', selfPath: '/consultations/c/suivi.atom', key: 'suivi', since: new Date('2024-03-13T09:00:00Z'),
      entries: [entry(2, hostile), entry(1, 'ok')], entryPath: (e) => `/consultations/c/suivi/besoins/${e.needCode}#proposition-${e.proposalId}`,
    });
    expect(atomProblems(xml)).to.deep.equal([]);
    const entries = atomEntries(xml);
    expect(entries[0]!.content).to.contain('Refusé </content><script>alert("x")</script> &  ]]> « fin »');
    expect(entries[0]!.title).to.equal('B-01.1 — Non retenue : Titre <i>');
    expect(entries.map((e) => e.id)).to.deep.equal(['tag:127.0.0.1,2023-05-02:consultation-1/suivi/changement-2', 'tag:127.0.0.1,2023-05-02:consultation-1/suivi/changement-1']);
    // An empty feed is still valid, updated at the publication.
    const empty = atomFeed({ origin: 'http://h', host: 'h', consultation: { id: 1, slug: 'c', createdDay: '2023-05-02' }, title: 't', pagePath: '/p', selfPath: '/p.atom', key: 'suivi', since: new Date('2024-03-13T09:00:00Z'), entries: [], entryPath: () => '/' });
    expect(atomProblems(empty)).to.deep.equal([]);
    expect(empty).to.contain('<updated>2024-03-13T09:00:00.000Z</updated>');
  });

  it('catches what breaks RFC 4287 (the checker itself)', () => {
    const bad = '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>hier</updated><entry><id>x</id><id>y</id><title>t</title><updated>2025-01-01T00:00:00Z</updated></entry></feed>';
    const problems = atomProblems(bad).join('\n');
    expect(problems).to.contain('0 atom:id').and.contain('hors RFC 3339').and.contain('2 atom:id').and.contain('ni atom:content ni lien alternate').and.contain('pas d’auteur').and.contain('rel="self"');
    expect(atomProblems('<feed><unclosed></feed>')[0]).to.match(/XML mal formé/);
  });
});
