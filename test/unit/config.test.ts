import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config';

describe('Configuration', () => {
  it('has working defaults for a newcomer', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(3000);
    expect(c.databaseUrl).to.equal(undefined);
    expect(c.dataDir).to.match(/data$/);
    expect(c.seedDemo).to.equal(true);
  });

  it('stops with a clear French message on a bad value', () => {
    expect(() => loadConfig({ PORT: 'quatre-vingts' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).to.throw(ConfigError, /postgres/);
    expect(() => loadConfig({ SEED_DEMO: 'peut-être' })).to.throw(ConfigError, /SEED_DEMO/);
  });

  it('requires a long SESSION_SECRET in production and never seeds the demo there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /SESSION_SECRET : obligatoire en production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'court' })).to.throw(ConfigError, /32 caractères/);
    const c = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SEED_DEMO: 'true' });
    expect(c.seedDemo).to.equal(false);
    expect(c.secureCookies).to.equal(true);
  });

  it('refuses an invalid SMTP_URL or MAIL_FROM, naming the key in French', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://smtp.exemple.fr' })).to.throw(ConfigError, /SMTP_URL : doit être une URL smtp:\/\/ ou smtps:\/\//);
    expect(() => loadConfig({ SMTP_URL: 'pas une url' })).to.throw(ConfigError, /SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: 'ensemble.exemple.fr' })).to.throw(ConfigError, /MAIL_FROM : doit être une adresse électronique/);
    expect(() => loadConfig({ MAIL_FROM: 'Ensemble <pas-d-arobase>' })).to.throw(ConfigError, /MAIL_FROM/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).to.throw(ConfigError, /PUBLIC_URL/);
  });

  it('accepts SMTP servers and senders as operators write them', () => {
    const c = loadConfig({ SMTP_URL: 'smtps://moi:secret@smtp.exemple.fr:465', MAIL_FROM: 'Ensemble <ne-pas-repondre@exemple.fr>', PUBLIC_URL: 'https://ensemble.exemple.fr/' });
    expect(c.mail).to.include({ smtpUrl: 'smtps://moi:secret@smtp.exemple.fr:465', from: 'Ensemble <ne-pas-repondre@exemple.fr>', publicUrl: 'https://ensemble.exemple.fr' });
    expect(loadConfig({ MAIL_FROM: 'dsi@exemple.fr' }).mail.from).to.equal('dsi@exemple.fr');
    // No SMTP server: mails stay in the outbox (development, demo).
    expect(loadConfig({ SMTP_URL: '' }).mail.smtpUrl).to.equal(undefined);
  });
});
