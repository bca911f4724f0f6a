import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/config';
import { createDb } from '../../src/shared/db';
import { COLUMN_NAMES } from '../../src/modules/imports/row-rules';
import { DEMO_SLUG } from '../../seeds/demo';

const README = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const ENSEMBLE = path.join(PROJECT_ROOT, 'bin', 'ensemble.js');

/** The README's section under `## title`, up to the next `## `. */
function section(title: string): string {
  const start = README.indexOf(`## ${title}`);
  expect(start, `README section « ${title} »`).to.be.greaterThan(-1);
  const end = README.indexOf('\n## ', start + 3);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The fenced blocks of one language in a piece of Markdown, indentation removed. */
function blocks(markdown: string, lang: string): string[] {
  const re = new RegExp(`^( *)\`\`\`${lang}\\n([\\s\\S]*?)^\\1\`\`\``, 'gm');
  return [...markdown.matchAll(re)].map((m) => m[2]!.split('\n').map((l) => l.slice(m[1]!.length)).join('\n'));
}

interface ShellLine {
  text: string;
  env: Record<string, string>;
  args: string[];
  stdoutTo?: string;
}

/**
 * One README line as a shell would read it, for the few forms the README uses: leading VAR=value
 * assignments, double-quoted words, a trailing `> file`, a `# comment`. Anything else fails the test,
 * so that the README cannot drift into a form this walk does not understand.
 */
function parseLine(text: string): ShellLine {
  const words: string[] = [];
  let word: string | null = null;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') quoted = false;
      else word += c;
    } else if (c === '"') {
      quoted = true;
      word ??= '';
    } else if (c === '#' && word === null) {
      break;
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      expect("'$`\\|&;<()".includes(c), `README line uses shell syntax the walk does not run: ${text}`).to.equal(false);
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  let stdoutTo: string | undefined;
  if (words.length >= 2 && words[words.length - 2] === '>') {
    stdoutTo = words.pop();
    words.pop();
  }
  expect(words.slice(0, 2), text).to.deep.equal(['npx', 'ensemble']);
  return { text, env, args: words.slice(2), stdoutTo };
}

/** An operator following the README's command-line section to the letter, in an empty folder. */
describe('An operator follows the README', function () {
  this.timeout(240_000);
  let dir: string;
  const baseEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // As on a fresh machine: the embedded database under ./data of the folder, development mode.
    for (const k of ['DATABASE_URL', 'DATA_DIR', 'NODE_ENV', 'SEED_DEMO', 'SESSION_SECRET', 'LOG_LEVEL']) delete env[k];
    return env;
  };
  const run = (args: string[], extra: Record<string, string> = {}): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [ENSEMBLE, ...args], { cwd: dir, env: { ...baseEnv(), ...extra }, encoding: 'utf8', input: '' });

  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-readme-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('documents the import columns the import reads', () => {
    const table = section('Ligne de commande / Command line');
    for (const names of Object.values(COLUMN_NAMES)) {
      expect(table).to.contain(`| ${names.map((n) => `\`${n}\``).join(', ')} |`);
    }
  });

  it('runs every command line of the README in order, each as documented', async () => {
    const cli = section('Ligne de commande / Command line');
    const [commands] = blocks(cli, 'sh');
    const [csv] = blocks(cli, 'csv');
    expect(commands, 'the command block').to.be.a('string');
    fs.writeFileSync(path.join(dir, 'fiches.csv'), csv!);
    const lines = commands!.split('\n').filter((l) => l.trim()).map(parseLine);
    expect(lines.length).to.be.greaterThan(8);

    for (const line of lines) {
      const res = run(line.args, line.env);
      if (line.args[0] === 'user:create' && !line.args.includes('--generate-password')) {
        // Documented: it asks at a terminal; this walk has none, so it must refuse and say what to do.
        expect(res.status, line.text).to.equal(1);
        expect(res.stderr).to.contain('Aucun terminal pour demander le mot de passe').and.contain('--generate-password');
        continue;
      }
      expect(res.status, `${line.text}\n${res.stderr}`).to.equal(0);
      expect(res.stderr, line.text).not.to.match(/error:|Error|    at /);
      if (line.stdoutTo) fs.writeFileSync(path.join(dir, line.stdoutTo), res.stdout);
    }

    // What each step left behind.
    const db = createDb({ databaseUrl: undefined, dataDir: path.join(dir, 'data') });
    try {
      const user = await db('users').where({ email: 'alain.martin@exemple.fr' }).first();
      expect(user.role).to.equal('ambassadeur');
      expect(await db('users').where({ email: 'claire.dupuis@exemple.fr' }).first()).to.equal(undefined);
      const imported = await db('raw_contributions').whereIn('reference', ['FICHE-001', 'FICHE-002']).select('reference');
      expect(imported.map((r) => r.reference).sort()).to.deep.equal(['FICHE-001', 'FICHE-002']);
    } finally {
      await db.destroy();
    }
    expect(fs.readFileSync(path.join(dir, 'plan-usagers.csv'), 'utf8')).to.match(/^\uFEFF.*;/);
    expect(fs.readFileSync(path.join(dir, 'livre-blanc.pdf')).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(fs.readFileSync(path.join(dir, 'essai', 'ensemble.sqlite')).subarray(0, 15).toString()).to.equal('SQLite format 3');
  });

  it('refuses a second demo, renders a published edition byte for byte, and names what is unknown', () => {
    const second = run(['seed:demo']);
    expect(second.status).to.equal(1);
    expect(second.stderr).to.contain('base vide');

    const v1 = path.join(dir, 'v1.pdf');
    const edition = run(['render-whitepaper', '--consultation', DEMO_SLUG, '--out', v1, '--edition', '1']);
    expect(edition.status, edition.stderr).to.equal(0);
    const sha = /SHA-256 ([0-9a-f]{64})/.exec(edition.stdout)?.[1];
    expect(crypto.createHash('sha256').update(fs.readFileSync(v1)).digest('hex')).to.equal(sha);
    const missing = run(['render-whitepaper', '--consultation', DEMO_SLUG, '--out', v1, '--edition', '9']);
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.contain('Aucune édition « 9 »');
    const unknown = run(['render-whitepaper', '--consultation', 'inconnue', '--out', v1]);
    expect(unknown.status).to.equal(1);
    expect(unknown.stderr).to.contain('Consultation inconnue');
  });

  it('never loads the demo in production unless told to, in French', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: path.join(dir, 'production') };
    const refused = run(['seed:demo'], production);
    expect(refused.status).to.equal(1);
    expect(refused.stderr).to.contain('NODE_ENV=production').and.contain('--force-demo');
    expect(fs.existsSync(path.join(dir, 'production', 'ensemble.sqlite')), 'no database touched').to.equal(false);
    // --force-demo passes the production guard; this database already holds the demo, which is refused as always.
    const forced = run(['seed:demo', '--force-demo'], { ...production, DATA_DIR: path.join(dir, 'data') });
    expect(forced.status).to.equal(1);
    expect(forced.stderr).to.contain('base vide').and.not.contain('NODE_ENV=production');
  });

  it('shows the settings in effect, where each comes from, secrets masked', () => {
    const res = run(['config'], {
      PORT: '4321',
      SESSION_SECRET: 'un-secret-de-session-tres-long-0123456789',
      DATABASE_URL: 'postgres://ensemble:motdepasse-secret@db.exemple.fr:5432/ensemble',
    });
    expect(res.status, res.stderr).to.equal(0);
    expect(res.stdout).to.match(/^PORT +4321 +environnement /m);
    expect(res.stdout).to.match(/^HOST +0\.0\.0\.0 +défaut /m);
    expect(res.stdout).to.match(/^DATA_DIR +\/\S+\/data +défaut /m);
    expect(res.stdout).to.match(/^DATABASE_URL +postgres:\/\/ensemble:\*\*\*\*@db\.exemple\.fr:5432\/ensemble +environnement /m);
    expect(res.stdout).to.match(/^SESSION_SECRET +•••• \(masqué, 41 caractères\) +environnement /m);
    expect(res.stdout).not.to.contain('motdepasse-secret').and.not.contain('un-secret-de-session');
    expect(res.stdout).to.match(/^SECURE_COOKIES +false +défaut /m);
  });
});
