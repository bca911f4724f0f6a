import { expect } from 'chai';
import { checkExtract, coverageOf, isUniqueViolation, nextCode, progressOf, themePrefix, uniqueIds } from '../../src/modules/consolidation/rules';
import { consolidationPolicy, type WorkScope } from '../../src/modules/consolidation/policy';

describe('Consolidation rules', () => {
  describe('coverage of a raw contribution', () => {
    const base = { status: 'a_traiter', outOfScopeReason: null, activeWholeLinks: 0, activeExtractLinks: 0 };
    it('is covered whole, by extracts, or out of scope with a reason', () => {
      expect(coverageOf({ ...base, status: 'consolidee', activeWholeLinks: 1 })).to.equal('entiere');
      expect(coverageOf({ ...base, status: 'consolidee', activeExtractLinks: 2 })).to.equal('par_extraits');
      expect(coverageOf({ ...base, status: 'hors_perimetre', outOfScopeReason: 'Paie' })).to.equal('hors_perimetre');
    });
    it('is not covered when out of scope without a reason, or without any active link', () => {
      expect(coverageOf({ ...base, status: 'hors_perimetre', outOfScopeReason: '  ' })).to.equal('non_couverte');
      expect(coverageOf(base)).to.equal('non_couverte');
      expect(coverageOf({ ...base, status: 'consolidee' })).to.equal('non_couverte');
    });
    it('leaves withdrawn contributions out', () => {
      expect(coverageOf({ ...base, status: 'retiree' })).to.equal('retiree');
      expect(progressOf({ a_traiter: 3, consolidee: 5, hors_perimetre: 2 })).to.deep.equal({ processed: 7, total: 10, percent: 70 });
      expect(progressOf({})).to.deep.equal({ processed: 0, total: 0, percent: 100 });
    });
  });

  describe('codes', () => {
    it('uses the theme’s first three letters, accents removed', () => {
      expect(themePrefix('USAGERS')).to.equal('USA');
      expect(themePrefix('Sécurisation')).to.equal('SEC');
      expect(themePrefix('--')).to.equal('GEN');
    });
    it('continues after the highest number of the same prefix, never refilling gaps', () => {
      expect(nextCode('USAGERS', [])).to.equal('CC-USA-001');
      expect(nextCode('USAGERS', ['CC-USA-001', 'CC-USA-012', 'CC-OUT-040', null, 'CC-USA-x'])).to.equal('CC-USA-013');
      expect(nextCode('OUTILS', ['CC-OUT-999'])).to.equal('CC-OUT-1000');
    });
  });

  describe('extracts', () => {
    const body = 'Un agenda partagé. Une messagerie sécurisée.';
    it('accepts offsets and returns the exact slice', () => {
      expect(checkExtract(body, { start: 0, end: 17 })).to.deep.equal({ ok: true, start: 0, end: 17, quote: 'Un agenda partagé' });
    });
    it('finds a pasted fragment in the text', () => {
      expect(checkExtract(body, { quote: ' Une messagerie sécurisée ' })).to.deep.equal({ ok: true, start: 19, end: 43, quote: 'Une messagerie sécurisée' });
    });
    it('refuses a fragment that is not a substring, offsets out of bounds, or disagreeing offsets and fragment', () => {
      expect(checkExtract(body, { quote: 'Une messagerie chiffrée' })).to.include({ ok: false, field: 'quote' });
      expect(checkExtract(body, { start: 5, end: 500 })).to.include({ ok: false, field: 'end' });
      expect(checkExtract(body, { start: 10, end: 5 })).to.include({ ok: false, field: 'end' });
      expect(checkExtract(body, { start: -1, end: 5 })).to.include({ ok: false, field: 'start' });
      expect(checkExtract(body, { start: 0, end: 17, quote: 'Une messagerie' })).to.include({ ok: false, field: 'quote' });
      expect(checkExtract(body, { start: 3 })).to.include({ ok: false, field: 'end' });
      expect(checkExtract(body, {})).to.include({ ok: false, field: 'quote' });
      expect(checkExtract(body, { quote: 'Un' })).to.include({ ok: false, field: 'quote' });
    });
  });

  it('reads a selection as unique ascending ids and recognises unique violations of both engines', () => {
    expect(uniqueIds(['3', '1', '3', 'x', '-2', '2,5'])).to.deep.equal([1, 2, 3, 5]);
    expect(uniqueIds(undefined)).to.deep.equal([]);
    expect(isUniqueViolation({ code: '23505' })).to.equal(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT', errno: 19, message: 'SQLITE_CONSTRAINT: UNIQUE constraint failed: consolidation_links.raw_contribution_id' })).to.equal(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT', message: 'FOREIGN KEY constraint failed' })).to.equal(false);
    expect(isUniqueViolation(null)).to.equal(false);
  });

  describe('policy', () => {
    const amb = { id: 7, email: null, displayName: 'A', role: 'ambassadeur' as const, structureId: null };
    const dsi = { ...amb, id: 1, role: 'dsi' as const };
    const contributor = { ...amb, id: 9, role: 'contributeur' as const };
    const open: WorkScope = { consultationId: 1, open: true, themeIds: new Set([10]) };
    it('lets an ambassador work on their themes and « à classer », the DSI on everything, nobody once closed', () => {
      expect(consolidationPolicy.canWorkOn(amb, open, 10)).to.equal(true);
      expect(consolidationPolicy.canWorkOn(amb, open, null)).to.equal(true);
      expect(consolidationPolicy.canWorkOn(amb, open, 11)).to.equal(false);
      expect(consolidationPolicy.canWorkOn(dsi, open, 11)).to.equal(true);
      expect(consolidationPolicy.canWorkOn(contributor, open, null)).to.equal(false);
      expect(consolidationPolicy.canWorkOn(dsi, { ...open, open: false }, 10)).to.equal(false);
      expect(consolidationPolicy.canRead(contributor)).to.equal(false);
    });
  });
});
