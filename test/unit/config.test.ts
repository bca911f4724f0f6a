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
});
