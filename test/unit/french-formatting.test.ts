import { expect } from 'chai';
import { formatDate, formatNumber, plural, t } from '../../src/shared/i18n';

const spaces = (s: string) => s.replace(/\s/g, ' ');

describe('French formatting', () => {
  it('formats numbers with French digit grouping', () => {
    expect(formatNumber(1091).replace(/\s/g, ' ')).to.equal('1 091');
  });
  it('formats calendar dates without time-zone drift', () => {
    expect(formatDate('2023-05-23')).to.equal('23 mai 2023');
    expect(formatDate('2023-09-01T00:30:00.000Z')).to.equal('1 septembre 2023');
  });
  it('fills message parameters', () => {
    expect(t('auth.throttled', { minutes: 15 })).to.equal('Trop de tentatives de connexion. Réessayez dans 15 minutes.');
    expect(t('auth.throttled', { minutes: 1 })).to.equal('Trop de tentatives de connexion. Réessayez dans 1 minute.');
  });
  it('writes counts with French plural rules: 0 and 1 singular, the number grouped', () => {
    const matching = (n: number) => spaces(plural(n, '# contribution correspond', '# contributions correspondent'));
    expect(matching(0)).to.equal('0 contribution correspond');
    expect(matching(1)).to.equal('1 contribution correspond');
    expect(matching(2)).to.equal('2 contributions correspondent');
    expect(matching(1091)).to.equal('1 091 contributions correspondent');
    expect(matching(1_000_000)).to.equal('1 000 000 contributions correspondent');
    expect(plural(1.5, '# jour', '# jours')).to.equal('1,5 jour');
  });
  it('takes a count’s plural inside a message template', () => {
    expect(t('form.errors', { count: 1 })).to.equal('Le formulaire contient 1 erreur. Corrigez les champs signalés.');
    expect(t('form.errors', { count: 3 })).to.equal('Le formulaire contient 3 erreurs. Corrigez les champs signalés.');
    expect(t('form.errors')).to.contain('{count|# erreur|# erreurs}'); // a missing parameter stays visible
  });
});
