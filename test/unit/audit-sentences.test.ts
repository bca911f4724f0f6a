import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { AUDIT_ACTIONS, auditActionGroups, auditActionLabel, auditObjectTypeLabel, auditSentence } from '../../src/modules/audit/sentences';
import { auditFieldLabel } from '../../src/modules/audit/field-labels';

const SRC = path.join(__dirname, '..', '..', '..', 'src');
const tsFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

/** Every action string that src/ records: `action: '…'` (ternaries included) and apply/undo-plan's audit('…', …). */
function recordedActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of tsFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/recordAudits?\(|\baudit\(/.test(text)) continue;
    for (const m of text.matchAll(/action:\s*([^,\n]*)/g)) for (const q of m[1]!.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) found.set(q[1]!, file);
    for (const m of text.matchAll(/\baudit\(\s*'([a-z_.]+)'/g)) found.set(m[1]!, file);
  }
  return found;
}

describe('The audit log in French', () => {
  it('has a French sentence for every action recorded in src/', () => {
    const recorded = recordedActions();
    expect(recorded.size, 'the scan finds the recorded actions').to.be.greaterThan(60);
    const missing = [...recorded].filter(([a]) => !AUDIT_ACTIONS.includes(a)).map(([a, f]) => `${a} (${path.relative(SRC, f)})`);
    expect(missing, 'actions without a sentence in src/modules/audit/sentences.ts').to.deep.equal([]);
  });

  it('tells an entry as a sentence naming the person and the object', () => {
    expect(auditSentence({ actorId: 3, actorName: 'Claire Dupuis', action: 'need.validate', objectType: 'need', objectId: '12', objectLabel: 'B-12' })).to.equal(
      'Claire Dupuis a validé le besoin B-12',
    );
    expect(auditSentence({ actorId: 3, actorName: 'Claire Dupuis', action: 'auth.login', objectType: 'user', objectId: '3', objectLabel: 'Claire Dupuis' })).to.equal('Connexion de Claire Dupuis');
    expect(auditSentence({ actorId: 4, actorName: 'Bob', action: 'consolidation.back_in_scope', objectType: 'raw_contribution', objectId: '42' })).to.equal(
      'Bob a remis la contribution n° 42 dans le périmètre',
    );
    expect(auditSentence({ actorId: null, actorName: null, action: 'user.create', objectType: 'user', objectId: '9', objectLabel: 'Alice Martin' })).to.equal('Le système a créé le compte d’Alice Martin');
    expect(auditSentence({ actorId: 5, actorName: 'Émile Roux', action: 'auth.login', objectType: 'user', objectId: '5' })).to.equal('Connexion d’Émile Roux');
    expect(auditSentence({ actorId: 1, actorName: 'Ana', action: 'workshop.plan', objectType: 'workshop', objectId: '2', objectLabel: 'Atelier de Lyon' })).to.equal('Ana a planifié l’atelier « Atelier de Lyon »');
  });

  it('still reads an unknown (old) action as French around its code', () => {
    expect(auditSentence({ actorId: 1, actorName: 'Ana', action: 'legacy.thing', objectType: 'need', objectId: '5' })).to.equal('Ana : action « legacy.thing » sur le besoin n° 5');
  });

  it('names fields, object types and actions in French, never in code words', () => {
    expect(auditFieldLabel('descriptionMd')).to.equal('description');
    expect(auditFieldLabel('themeId')).to.equal('thème');
    expect(auditFieldLabel('12')).to.equal('n° 12');
    expect(auditObjectTypeLabel('raw_contribution')).to.equal('Contribution');
    expect(auditActionLabel('need.validate')).to.equal('A validé …');
    for (const a of AUDIT_ACTIONS) expect(auditActionLabel(a), a).not.to.match(/[a-z]+\.[a-z_]+|\{/);
  });

  it('groups the actions by domain for the filter, each domain selectable by its prefix', () => {
    const groups = auditActionGroups(['need.create', 'need.validate', 'auth.login']);
    expect(groups.map((g) => [g.label, g.prefix])).to.deep.equal([['Besoins', 'need.'], ['Connexions', 'auth.']]);
    expect(groups[0]!.actions.map((a) => a.value)).to.deep.equal(['need.create', 'need.validate']);
  });
});
