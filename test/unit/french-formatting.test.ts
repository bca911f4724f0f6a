import { expect } from 'chai';
import { formatDate, formatNumber, t } from '../../src/shared/i18n';

describe('French formatting', () => {
  it('formats numbers with French digit grouping', () => {
    expect(formatNumber(1091).replace(/\s/g, ' ')).to.equal('1 091');
  });
  it('formats calendar dates without time-zone drift', () => {
    expect(formatDate('2023-05-23')).to.equal('23 mai 2023');
    expect(formatDate('2023-09-01T00:30:00.000Z')).to.equal('1 septembre 2023');
  });
  it('fills message parameters', () => {
    expect(t('auth.throttled', { minutes: 15 })).to.equal('Trop de tentatives de connexion. Réessayez dans 15 minute(s).');
  });
});
