import { expect } from 'chai';
import { closingDay, isClosed } from '../../src/modules/privacy/retention';
import { opensPurge } from '../../src/modules/consultations/phases';
import { ERASED, IDENTITY_KEYS, identityValues, redactJsonText, redactValue } from '../../src/modules/privacy/redact';

const calendar = [
  { kind: 'lancement', ends_on: '2023-05-25' },
  { kind: 'consultation', ends_on: '2023-09-30' },
  { kind: 'publication', ends_on: '2024-03-13' },
  { kind: 'suivi', ends_on: '2026-12-31' },
];

describe('Personal data: when a consultation is closed (pure rule)', () => {
  it('closes the day after the end of its follow-up phase', () => {
    expect(closingDay(calendar)).to.equal('2026-12-31');
    expect(isClosed(calendar, '2026-11-29')).to.equal(false);
    expect(isClosed(calendar, '2026-12-31')).to.equal(false);
    expect(isClosed(calendar, '2027-01-01')).to.equal(true);
  });

  it('without a follow-up phase, closes when every phase is in the past', () => {
    const noFollowUp = calendar.slice(0, 3);
    expect(closingDay(noFollowUp)).to.equal('2024-03-13');
    expect(isClosed(noFollowUp, '2024-03-13')).to.equal(false);
    expect(isClosed(noFollowUp, '2024-03-14')).to.equal(true);
  });

  it('the follow-up phase decides even if listed first or another phase ends later', () => {
    const odd = [{ kind: 'suivi', ends_on: '2025-01-31' }, { kind: 'publication', ends_on: '2025-06-30' }];
    expect(closingDay(odd)).to.equal('2025-01-31');
    expect(isClosed(odd, '2025-02-01')).to.equal(true);
  });

  it('a consultation without a calendar is never closed', () => {
    expect(closingDay([])).to.equal(null);
    expect(isClosed([], '2099-01-01')).to.equal(false);
  });
});

describe('Personal data: redaction of stored texts (pure)', () => {
  it('replaces an e-mail and a name at any depth, keeping the keys and other values', () => {
    const out = redactValue({ email: 'lea@ml.fr', displayName: 'Léa Martin', role: 'contributeur', list: ['Vu par Léa Martin'], n: 3 }, [
      'lea@ml.fr',
      'Léa Martin',
    ]);
    expect(out).to.deep.equal({ email: ERASED, displayName: ERASED, role: 'contributeur', list: [`Vu par ${ERASED}`], n: 3 });
  });

  it('matches without regard to case and treats the secrets as plain text', () => {
    expect(redactValue('LEA@ML.FR', ['lea@ml.fr'])).to.equal(ERASED);
    expect(redactValue('a.b+c@x.fr et axb+c@x.fr', ['a.b+c@x.fr'])).to.equal(`${ERASED} et axb+c@x.fr`);
  });

  it('ignores secrets too short to be meaningful', () => {
    expect(redactValue('Al est là', ['A', ' '])).to.equal('Al est là');
  });

  it('redacts JSON texts and leaves null alone', () => {
    expect(redactJsonText(null, ['x@y.fr'])).to.equal(null);
    expect(JSON.parse(redactJsonText('{"email":"x@y.fr"}', ['x@y.fr'])!)).to.deep.equal({ email: ERASED });
    expect(redactJsonText('pas du JSON x@y.fr', ['x@y.fr'])).to.equal(`pas du JSON ${ERASED}`);
  });
});

describe('Personal data: identity fields of audit entries (pure)', () => {
  it('erases identity fields whole and collects former names and addresses', () => {
    const text = JSON.stringify({ email: 'old@ml.fr', displayName: 'Ancien Nom', role: 'dsi', nested: { nom: 'X Y' } });
    expect(identityValues(text).sort()).to.deep.equal(['Ancien Nom', 'X Y', 'old@ml.fr']);
    expect(identityValues('pas du JSON')).to.deep.equal([]);
    const out = JSON.parse(redactJsonText(text, [], IDENTITY_KEYS)!);
    expect(out).to.deep.equal({ email: ERASED, displayName: ERASED, role: 'dsi', nested: { nom: ERASED } });
  });

  it('sees a calendar change that would open the purge today, and only that one', () => {
    const open = [{ kind: 'consultation', ends_on: '2026-10-01' }, { kind: 'suivi', ends_on: '2027-06-30' }];
    const movedBack = [{ kind: 'consultation', ends_on: '2026-10-01' }, { kind: 'suivi', ends_on: '2026-11-30' }];
    expect(opensPurge(open, movedBack, '2026-12-02')).to.equal(true);
    expect(opensPurge(open, open, '2026-12-02')).to.equal(false);
    expect(opensPurge(movedBack, [{ kind: 'suivi', ends_on: '2026-11-01' }], '2026-12-02')).to.equal(false); // already closed: already possible
    expect(opensPurge(open, [{ kind: 'suivi', ends_on: '2026-12-02' }], '2026-12-02')).to.equal(false); // closes tomorrow, not today
  });
});
