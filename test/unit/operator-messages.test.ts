import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, describeConfig, maskSetting, PROJECT_ROOT } from '../../src/config';
import { frenchLine } from '../../src/cli/french';
import { formatDuration } from '../../src/shared/i18n';
import { explainStartFailure } from '../../src/shared/startup-errors';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('What the operator reads', () => {
  it('durations in French, never « 0.0 s »', () => {
    expect(plain(formatDuration(41))).to.equal('0,04 s');
    expect(plain(formatDuration(410))).to.equal('0,41 s');
    expect(plain(formatDuration(2_340))).to.equal('2,3 s');
    expect(plain(formatDuration(77_400))).to.equal('1 min 17 s');
    expect(plain(formatDuration(120_000))).to.equal('2 min');
    expect(plain(formatDuration(3_605_000))).to.equal('60 min 05 s');
  });

  it('commander’s English errors in French, unknown lines unchanged', () => {
    expect(frenchLine("error: unknown command 'migrat'")).to.equal('Erreur : commande inconnue « migrat ».');
    expect(frenchLine("error: unknown option '--vite'")).to.equal('Erreur : option inconnue « --vite ».');
    expect(frenchLine("error: required option '--email <email>' not specified")).to.equal('Erreur : l’option obligatoire « --email <email> » manque.');
    expect(frenchLine("error: option '--out <fichier>' argument missing")).to.equal('Erreur : l’option « --out <fichier> » attend une valeur.');
    expect(frenchLine("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are json, csv.")).to.equal(
      'Erreur : « xml » n’est pas une valeur permise pour l’option « --format <format> ». Valeurs permises : json, csv.',
    );
    expect(frenchLine("error: too many arguments for 'backup'. Expected 1 argument but got 2.")).to.equal('Erreur : trop d’arguments pour « backup » : 1 attendu, 2 reçus.');
    expect(frenchLine('(Did you mean migrate?)')).to.equal('(Vouliez-vous dire migrate ?)');
    expect(frenchLine('La base est à jour.')).to.equal('La base est à jour.');
  });

  it('masks secrets and the password inside a URL', () => {
    expect(maskSetting('SESSION_SECRET', 'abcdef')).to.equal('•••• (masqué, 6 caractères)');
    expect(maskSetting('DATABASE_URL', 'postgres://ens:pa%40ss@db:5432/ens')).to.equal('postgres://ens:****@db:5432/ens');
    expect(maskSetting('SMTP_URL', 'smtp://relais:motdepasse@mail.exemple.fr:587')).to.equal('smtp://relais:****@mail.exemple.fr:587');
    expect(maskSetting('DATABASE_URL', 'postgres://db/ens')).to.equal('postgres://db/ens');
    expect(maskSetting('PORT', '3000')).to.equal('3000');
  });

  it('describes each setting with the value in effect and its origin', () => {
    const rows = describeConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), PORT: '8080' });
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(by.PORT).to.include({ value: '8080', origin: 'environnement' });
    expect(by.HOST).to.include({ value: '0.0.0.0', origin: 'défaut' });
    // Defaults that depend on NODE_ENV are shown as they are in effect, not as « true en production ».
    expect(by.SECURE_COOKIES).to.include({ value: 'true', origin: 'défaut' });
    expect(by.SEED_DEMO).to.include({ value: 'false', origin: 'défaut' });
    expect(by.SESSION_SECRET!.value).to.equal('•••• (masqué, 40 caractères)');
    expect(describeConfig({}).find((r) => r.name === 'SECURE_COOKIES')).to.include({ value: 'false' });
    expect(() => describeConfig({ PORT: 'abc' })).to.throw(ConfigError, /PORT/);
  });

  it('start failures as one French line naming the setting; a bug keeps its own message', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen' });
    expect(explainStartFailure(inUse, { port: 3000, host: '0.0.0.0' })).to.equal(
      'Le port 3000 est déjà utilisé (0.0.0.0:3000) : arrêtez le programme qui l’occupe, ou choisissez un autre PORT.',
    );
    const refused = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], '');
    expect(explainStartFailure(refused, { databaseUrl: 'postgres://u:secret@localhost:5432/ens' })).to.equal(
      'La base PostgreSQL (localhost:5432/ens) ne peut pas être utilisée : connexion refusée (aucun serveur n’écoute à cette adresse). Vérifiez DATABASE_URL et le serveur PostgreSQL.',
    );
    const badPassword = Object.assign(new Error('password authentication failed'), { code: '28P01' });
    expect(explainStartFailure(badPassword, { databaseUrl: 'postgres://u:p@db/ens' })).to.contain('mot de passe refusé');
    expect(explainStartFailure(new TypeError('x is undefined'), { databaseUrl: 'postgres://db/ens' })).to.equal(undefined);
  });

  it('npm test stops at once with the one apt-get line when a program the tests start is missing', () => {
    const res = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'test-prerequisites.js')], {
      env: { PATH: path.dirname(process.execPath), CHROMIUM_PATH: '/nulle-part/chromium', ENSEMBLE_NO_APT: '1' },
      encoding: 'utf8',
    });
    expect(res.status).to.equal(1);
    expect(res.stderr).to.contain('Chromium (tests navigateur)');
    expect(res.stderr).to.match(/^ {2}(sudo )?apt-get install -y chromium\b.*$/m);
  });
});
