import { expect } from 'chai';
import { proposePlan, titleFrom, type Target } from '../../src/modules/similarity';
import { resolvePlan } from '../../src/modules/consolidation/plan-rules';
import type { PlanForm } from '../../src/modules/consolidation/validation';

const TARGETS: Target[] = [
  {
    id: 1, title: 'Rappel des rendez-vous par SMS', body: '',
    members: [
      { id: 11, text: 'Envoyer un rappel par SMS au jeune la veille de son rendez-vous.' },
      { id: 12, text: 'Un SMS de rappel automatique avant chaque rendez-vous pour éviter les absences.' },
    ],
  },
  { id: 2, title: 'Aides au permis de conduire', body: '', members: [{ id: 21, text: 'Recenser les aides au permis de conduire et les auto-écoles sociales.' }] },
];

describe('The consolidation plan (pure parts)', () => {
  it('attaches close texts, gathers weaker look-alikes of one target unticked « à vérifier », and leaves the isolated one unticked', () => {
    const groups = proposePlan(
      [
        { id: 101, text: 'Les jeunes oublient souvent leurs rendez-vous avec le conseiller.' },
        { id: 102, text: 'Trop d’absences aux rendez-vous, il faudrait prévenir les jeunes.' },
        { id: 103, text: 'Exporter la liste des jeunes suivis au format tableur pour le financeur.' },
        { id: 104, text: 'Rappel SMS automatique la veille du rendez-vous du jeune.' },
      ],
      TARGETS,
      [],
    );
    const summary = groups.map((g) => [g.action, g.ticked, g.targetId, g.members.map((m) => m.id)]);
    expect(summary).to.deep.equal([
      ['attach', true, 1, [104]],
      ['attach', false, 1, [101, 102]],
      ['create', false, null, [103]],
    ]);
  });

  it('proposes as a title the first sentence, cut at a word, capitalised', () => {
    expect(titleFrom('il faudrait un agenda partagé. Et le reste ensuite.')).to.equal('Il faudrait un agenda partagé');
    const long = titleFrom(`${'mot '.repeat(60)}fin`);
    expect([...long].length).to.be.at.most(121);
    expect(long.endsWith('…')).to.equal(true);
  });

  it('resolves a submitted plan: moves, merges, new groups, out of scope, later, and « only this group »', () => {
    const form: PlanForm = {
      themeId: 1,
      groups: [
        { n: 1, key: '1-2', apply: true, action: 'attach', targetId: 9, targetCode: '', title: '', reason: '', into: null },
        { n: 2, key: '3', apply: true, action: 'create', targetId: null, targetCode: '', title: 'T', reason: '', into: 1 },
        { n: 3, key: '4', apply: false, action: 'create', targetId: null, targetCode: '', title: 'U', reason: '', into: null },
      ],
      members: [
        { rawId: 1, to: 'g1' }, { rawId: 2, to: 'later' }, { rawId: 3, to: 'g2' }, { rawId: 4, to: 'g3' },
        { rawId: 5, to: 'new1' }, { rawId: 6, to: 'new1' }, { rawId: 7, to: 'out' },
      ],
      outReason: 'Hors sujet',
      seen: new Map(),
      only: null,
    };
    const batches = resolvePlan(form).map((b) => [b.label, b.action, b.rawIds]);
    // Group 2 merged into 1 takes its action; group 3 unticked is not applied; 2 is left for later.
    expect(batches).to.deep.equal([
      ['1', 'attach', [1, 3]],
      ['nouveau 1', 'create', [5, 6]],
      ['hors périmètre', 'out_of_scope', [7]],
    ]);
    expect(resolvePlan({ ...form, only: 3, groups: form.groups.map((g) => (g.n === 3 ? { ...g, apply: true } : { ...g, apply: false })) }).map((b) => b.rawIds)).to.deep.equal([[4]]);
  });
});
