import { expect } from 'chai';
import { decisionMark, formatThemeList, parseThemeList, roleAfterDecline, roleAfterSelection } from '../../src/modules/ambassadors/decision';
import { applySchema, decisionSchema } from '../../src/modules/ambassadors/validation';

describe('Call for ambassadors: decision rules', () => {
  it('makes a selected person an ambassador, but a DSI stays DSI', () => {
    expect(roleAfterSelection('contributeur')).to.equal('ambassadeur');
    expect(roleAfterSelection('ambassadeur')).to.equal('ambassadeur');
    expect(roleAfterSelection('dsi')).to.equal('dsi');
  });

  it('takes the ambassador role back only when a selection is revised and nothing else makes them one', () => {
    expect(roleAfterDecline('ambassadeur', 'retenue', 0)).to.equal('contributeur');
    expect(roleAfterDecline('ambassadeur', 'retenue', 2)).to.equal('ambassadeur');
    expect(roleAfterDecline('ambassadeur', 'en_attente', 0)).to.equal('ambassadeur');
    expect(roleAfterDecline('contributeur', 'en_attente', 0)).to.equal('contributeur');
    expect(roleAfterDecline('dsi', 'retenue', 0)).to.equal('dsi');
  });

  it('stores known themes as a sorted comma list and reads it back tolerantly', () => {
    expect(formatThemeList([12, 3, 7, 3])).to.equal('3,7,12');
    expect(parseThemeList('3,7,12')).to.deep.equal([3, 7, 12]);
    expect(parseThemeList(' 3, x,,-1,7 ')).to.deep.equal([3, 7]);
    expect(parseThemeList('')).to.deep.equal([]);
    expect(parseThemeList(null)).to.deep.equal([]);
  });

  it('marks what the DSI saw, so that a decision taken meanwhile is detected', () => {
    const at = new Date('2027-06-27T08:00:00.000Z');
    expect(decisionMark('en_attente', null)).to.equal('en_attente:0');
    expect(decisionMark('retenue', at)).to.not.equal(decisionMark('non_retenue', at));
    expect(decisionMark('retenue', at)).to.equal(decisionMark('retenue', new Date(at.getTime())));
  });

  it('validates an application: motivation of 50 to 3000 characters, theme ids as a list', () => {
    const ok = applySchema.safeParse({ motivation: 'm'.repeat(50), structureId: '', knownThemes: '4' });
    expect(ok.success && ok.data).to.deep.equal({ motivation: 'm'.repeat(50), structureId: null, knownThemes: [4] });
    const many = applySchema.safeParse({ motivation: 'm'.repeat(60), knownThemes: ['4', '2', '4'] });
    expect(many.success && many.data.knownThemes).to.deep.equal([4, 2]);
    expect(applySchema.safeParse({ motivation: 'm'.repeat(49) }).success).to.equal(false);
    expect(applySchema.safeParse({ motivation: 'm'.repeat(3001) }).success).to.equal(false);
    expect(applySchema.safeParse({ motivation: 'm'.repeat(60), knownThemes: ['1; drop table'] }).success).to.equal(false);
  });

  it('requires at least one theme to select, none to decline', () => {
    const select = decisionSchema.safeParse({ decision: 'retenue' });
    expect(select.success).to.equal(false);
    if (!select.success) expect(select.error.issues[0]!.path).to.deep.equal(['themeIds']);
    expect(decisionSchema.safeParse({ decision: 'non_retenue', comment: ' Merci ' }).success).to.equal(true);
    expect(decisionSchema.safeParse({ decision: 'peut-etre' }).success).to.equal(false);
  });
});
