import { expect } from 'chai';
import { moveInOrder, needCode, rawContributionsPage, RAW_PER_PAGE, nextNeedCode, nextProposalRank, proposalCode, readinessMessage, renumberPlan, validationReadiness } from '../../src/modules/needs/rules';
import { auditDiff } from '../../src/modules/audit';

describe('Need codes and renumbering', () => {
  it('gives the next B-NN after the highest code, ignoring other codes', () => {
    expect(nextNeedCode([])).to.equal('B-01');
    expect(nextNeedCode(['B-01', 'B-07', 'F-12', '~3'])).to.equal('B-08');
    expect(nextNeedCode(['B-99'])).to.equal('B-100');
    expect(needCode(5)).to.equal('B-05');
  });

  it('codes proposals under their need', () => {
    expect(proposalCode('B-03', 2)).to.equal('B-03.2');
    expect(nextProposalRank('B-03', ['B-03.1', 'B-03.4', 'B-30.9'])).to.equal(5);
    expect(nextProposalRank('B-03', [])).to.equal(1);
  });

  it('renumbers in theme then position order; merged needs leave the sequence', () => {
    const plan = renumberPlan([
      { id: 1, code: 'B-01', themeId: 20, themePosition: 2, position: 0, merged: false, proposals: [{ id: 11, code: 'B-01.1', position: 1 }, { id: 12, code: 'B-01.2', position: 0 }] },
      { id: 2, code: 'B-02', themeId: 10, themePosition: 1, position: 1, merged: false, proposals: [] },
      { id: 3, code: 'B-03', themeId: 10, themePosition: 1, position: 0, merged: false, proposals: [] },
      { id: 4, code: 'B-04', themeId: 10, themePosition: 1, position: 2, merged: true, proposals: [] },
    ]);
    expect(plan.needs).to.deep.equal([
      { id: 3, from: 'B-03', to: 'B-01' },
      { id: 2, from: 'B-02', to: 'B-02' },
      { id: 1, from: 'B-01', to: 'B-03' },
      { id: 4, from: 'B-04', to: 'F-4' },
    ]);
    expect(plan.proposals).to.deep.equal([
      { id: 12, from: 'B-01.2', to: 'B-03.1' },
      { id: 11, from: 'B-01.1', to: 'B-03.2' },
    ]);
  });

  it('moves an item up or down, and not past the ends', () => {
    expect(moveInOrder([1, 2, 3], 2, 'up')).to.deep.equal([2, 1, 3]);
    expect(moveInOrder([1, 2, 3], 2, 'down')).to.deep.equal([1, 3, 2]);
    expect(moveInOrder([1, 2, 3], 1, 'up')).to.deep.equal([1, 2, 3]);
    expect(moveInOrder([1, 2, 3], 3, 'down')).to.deep.equal([1, 2, 3]);
  });
});

describe('Validation readiness of a need', () => {
  it('is ready with a support and a validated proposal', () => {
    expect(validationReadiness({ supports: 2, proposals: [{ code: 'B-01.1', status: 'valide' }, { code: 'B-01.2', status: 'renvoye' }] })).to.deep.equal({ ready: true, missing: [] });
  });
  it('lists in French everything that is missing', () => {
    const r = validationReadiness({ supports: 0, proposals: [{ code: 'B-01.1', status: 'soumis' }] });
    expect(r.ready).to.equal(false);
    expect(r.missing).to.have.length(2);
    const msg = readinessMessage('B-01', r);
    expect(msg).to.contain('Le besoin B-01 ne peut pas être validé').and.contain('contribution consolidée').and.contain('B-01.1');
    expect(validationReadiness({ supports: 1, proposals: [] }).missing[0]).to.contain('n’en a aucune');
  });
});

describe('Audit diff', () => {
  it('keeps only the fields that changed', () => {
    expect(auditDiff('{"title":"A","themeId":1}', '{"title":"B","themeId":1}')).to.deep.equal([{ field: 'title', before: 'A', after: 'B' }]);
    expect(auditDiff(null, '{"title":"B"}')).to.deep.equal([{ field: 'title', before: '', after: 'B' }]);
    expect(auditDiff('{"x":null}', null)).to.deep.equal([{ field: 'x', before: '∅', after: '' }]);
    expect(auditDiff('pas du json', null)[0]!.before).to.equal('pas du json');
  });
});

describe("The raw contributions on a need's page", () => {
  const rows = Array.from({ length: 95 }, (_, i) => i + 1);

  it('are folded and show the first page when no page is asked for', () => {
    const page = rawContributionsPage(rows, undefined, '');
    expect(page).to.include({ number: 1, count: 5, open: false, query: '' });
    expect(page.rows).to.deep.equal(rows.slice(0, RAW_PER_PAGE));
  });

  it('open on the page asked for; a page past the end shows the last one', () => {
    expect(rawContributionsPage(rows, 2, '').rows[0]).to.equal(RAW_PER_PAGE + 1);
    const last = rawContributionsPage(rows, 99, '');
    expect(last).to.include({ number: 5, open: true });
    expect(last.rows).to.deep.equal([81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95]);
  });

  it('keep the search typed on the page in their links, and make one page of an empty list', () => {
    expect(rawContributionsPage(rows, 1, 'accès & droits').query).to.equal('q=acc%C3%A8s%20%26%20droits&');
    expect(rawContributionsPage([], undefined, '')).to.deep.include({ rows: [], number: 1, count: 1 });
  });
});
