import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/config';
import { createDb } from '../../src/shared/db';
import { verifyPassword } from '../../src/modules/auth/password';
import { DEMO_SLUG } from '../../seeds/demo';

/** The `ensemble` command, run as an operator would (on an embedded SQLite database in a temporary folder). */
describe('An operator uses the ensemble command line', function () {
  this.timeout(60_000);
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
    const bad = run('user:create', '--role', 'roi', '--email', 'x@exemple.fr', '--name', 'X');
    expect(bad.status).to.equal(1);
  });

  it('loads the demo once, and refuses a second time', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-cli-demo-'));
    const prev = dataDir;
    dataDir = dir;
    try {
      const first = run('seed:demo');
      expect(first.status, first.stderr).to.equal(0);
      expect(first.stdout).to.contain('84 ateliers, 811 participants, 1091 contributions brutes');
      expect(first.stdout).to.contain('livre blanc : édition 1 publiée');
      const second = run('seed:demo');
      expect(second.status).to.equal(1);
      expect(second.stderr).to.contain('base vide');

      // The white paper's PDF: the version of work made now, and the published edition byte for byte.
      const draft = path.join(dir, 'brouillon.pdf');
      const rendered = run('render-whitepaper', '--consultation', DEMO_SLUG, '--out', draft);
      expect(rendered.status, rendered.stderr).to.equal(0);
      expect(rendered.stdout).to.match(/version de travail\) écrit dans .*brouillon\.pdf : \d+ pages/);
      expect(fs.readFileSync(draft).subarray(0, 5).toString()).to.equal('%PDF-');
      const v1 = path.join(dir, 'v1.pdf');
      const edition = run('render-whitepaper', '--consultation', DEMO_SLUG, '--out', v1, '--edition', '1');
      expect(edition.status, edition.stderr).to.equal(0);
      const sha = /SHA-256 ([0-9a-f]{64})/.exec(edition.stdout)?.[1];
      expect(crypto.createHash('sha256').update(fs.readFileSync(v1)).digest('hex')).to.equal(sha);
      const missing = run('render-whitepaper', '--consultation', DEMO_SLUG, '--out', v1, '--edition', '9');
      expect(missing.status).to.equal(1);
      expect(missing.stderr).to.contain('Aucune édition « 9 »');
      const unknown = run('render-whitepaper', '--consultation', 'inconnue', '--out', v1);
      expect(unknown.status).to.equal(1);
      expect(unknown.stderr).to.contain('Consultation inconnue');
    } finally {
      dataDir = prev;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with a French message on a bad configuration value', () => {
    const env = { ...process.env, PORT: 'abc', DATA_DIR: dataDir };
    const res = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'server.js')], { env, encoding: 'utf8' });
    expect(res.status).to.equal(1);
    expect(res.stderr).to.contain('Configuration invalide').and.contain('PORT');
  });
});
