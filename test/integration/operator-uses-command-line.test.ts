import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/config';
import { createDb } from '../../src/shared/db';
import { verifyPassword } from '../../src/modules/auth/password';

/** The `ensemble` command, run as an operator would (on an embedded SQLite database in a temporary folder). */
describe('An operator uses the ensemble command line', function () {
  // Each step starts a process that loads the whole app: seconds apiece on a busy machine.
  this.timeout(180_000);
  let dataDir: string;
  const run = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' };
    delete env.DATABASE_URL;
    return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ensemble.js'), ...args], { env, encoding: 'utf8', input: '' });
  };
  before(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-cli-'))));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, then reports the database up to date', () => {
    const first = run('migrate');
    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout).to.contain('Migrations appliquées');
    expect(run('migrate').stdout).to.contain('La base est à jour.');
  });

  it('creates a DSI account with a generated password that works, and refuses a duplicate or a bad role in French', async () => {
    const res = run('user:create', '--role', 'dsi', '--email', 'Admin@Exemple.fr', '--name', 'Admin Réseau', '--generate-password');
    expect(res.status, res.stderr).to.equal(0);
    const password = /Mot de passe provisoire : (\S+)/.exec(res.stdout)?.[1];
    expect(password).to.be.a('string');
    const db = createDb({ databaseUrl: undefined, dataDir });
    try {
      const row = await db('users').where({ email: 'admin@exemple.fr' }).first();
      expect(row.role).to.equal('dsi');
      expect(await verifyPassword(password!, row.password_hash)).to.equal(true);
    } finally {
      await db.destroy();
    }
    const dup = run('user:create', '--role', 'dsi', '--email', 'admin@exemple.fr', '--name', 'Autre Admin', '--generate-password');
    expect(dup.status).to.equal(1);
    expect(dup.stderr).to.contain('existe déjà');
    const bad = run('user:create', '--role', 'roi', '--email', 'x@exemple.fr', '--name', 'Xavier');
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.contain('« roi » n’est pas une valeur permise pour l’option « --role <role> »').and.contain('contributeur, ambassadeur, dsi');
  });

  it('refuses to invent a password when there is no terminal to ask it', () => {
    const res = run('user:create', '--role', 'dsi', '--email', 'sans-terminal@exemple.fr', '--name', 'Sans Terminal');
    expect(res.status).to.equal(1);
    expect(res.stderr).to.contain('Aucun terminal pour demander le mot de passe').and.contain('--generate-password');
    expect(res.stdout).not.to.contain('Mot de passe provisoire');
  });

  it('words the parser’s refusals and its help in French, exit code 1', () => {
    const option = run('migrate', '--inconnue');
    expect(option.status).to.equal(1);
    expect(option.stderr).to.contain('Erreur : option inconnue « --inconnue ».').and.not.contain('error:');
    const command = run('migrat');
    expect(command.status).to.equal(1);
    expect(command.stderr).to.contain('Erreur : commande inconnue « migrat ».').and.contain('(Vouliez-vous dire migrate ?)');
    const missing = run('user:create', '--role', 'dsi');
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.contain('Erreur : l’option obligatoire « --email <email> » manque.');
    const argument = run('backup');
    expect(argument.status).to.equal(1);
    expect(argument.stderr).to.contain('Erreur : l’argument obligatoire « fichier » manque.');
    const help = run('--help');
    expect(help.status).to.equal(0);
    expect(help.stdout).to.contain('Utilisation : ensemble [options] [commande]').and.contain('Commandes :').and.contain('affiche cette aide');
    expect(help.stdout).not.to.match(/Usage:|Commands:|display help/);
  });

  it('says in one French line that the database cannot be reached, exit code 1', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: 'postgres://ensemble:secret@127.0.0.1:1/ensemble', NODE_ENV: 'test' };
    const res = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ensemble.js'), 'migrate'], { env, encoding: 'utf8', input: '' });
    expect(res.status).to.equal(1);
    expect(res.stderr.trim()).to.equal(
      'La base PostgreSQL (127.0.0.1:1/ensemble) ne peut pas être utilisée : connexion refusée (aucun serveur n’écoute à cette adresse). Vérifiez DATABASE_URL et le serveur PostgreSQL.',
    );
  });

  it('stops with a French message on a bad configuration value', () => {
    const env = { ...process.env, PORT: 'abc', DATA_DIR: dataDir };
    const res = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'server.js')], { env, encoding: 'utf8' });
    expect(res.status).to.equal(1);
    expect(res.stderr).to.contain('Configuration invalide').and.contain('PORT');
  });

  it('stops the server with one French line when its port is taken, or its database unreachable', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      // Asynchronous: the busy port must keep answering while the server tries it.
      const res = await runServer({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', NODE_ENV: 'test' });
      expect(res.status).to.equal(1);
      expect(res.stderr.trim()).to.equal(`Le port ${port} est déjà utilisé (127.0.0.1:${port}) : arrêtez le programme qui l’occupe, ou choisissez un autre PORT.`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    const db = await runServer({ DATABASE_URL: 'postgres://ensemble:secret@127.0.0.1:1/ensemble', NODE_ENV: 'test' });
    expect(db.status).to.equal(1);
    expect(db.stderr.trim()).to.match(/^La base PostgreSQL \(127\.0\.0\.1:1\/ensemble\) ne peut pas être utilisée : connexion refusée/);
    expect(db.stderr).not.to.contain('secret');
  });
});

/** The compiled server started as an operator would, until it exits. */
function runServer(extra: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'server.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stderr })));
}
