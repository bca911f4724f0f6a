#!/usr/bin/env node
'use strict';
/**
 * First step of `npm test`: the programs the tests start are there, or the run stops at once with the
 * one line that installs them (instead of failing half an hour later on `spawnSync qpdf ENOENT`).
 * As root on Debian the missing packages are installed here, so that a fresh machine needs no hand step.
 * Plain JavaScript: it runs before anything is compiled.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** A program on PATH (or at an absolute path). */
function found(program) {
  if (path.isAbsolute(program)) return isExecutable(program);
  return (process.env.PATH || '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, program)));
}
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Each Debian package, with what the tests use of it. */
const prerequisites = [
  // The browser journeys (test/support/browser.ts).
  { pkg: 'chromium', present: () => found(process.env.CHROMIUM_PATH || '/usr/bin/chromium'), why: 'Chromium (tests navigateur)' },
  // Chromium draws no text without a font; the accessibility checks read the rendered pages.
  { pkg: 'fonts-dejavu-core', present: () => fs.existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), why: 'police DejaVu (pages rendues par Chromium)' },
  // The white paper's PDF is checked by qpdf (structure, outline) and poppler's tools (text, fonts, pages).
  { pkg: 'qpdf', present: () => found('qpdf'), why: 'qpdf (contrôle des PDF du livre blanc)' },
  {
    pkg: 'poppler-utils',
    present: () => ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'].every(found),
    why: 'poppler-utils : pdftotext, pdfinfo, pdffonts, pdftoppm (contenu des PDF)',
  },
  // On PostgreSQL, the backup and restore tests run `ensemble backup` / `restore`, which call pg_dump and pg_restore.
  {
    pkg: 'postgresql-client',
    present: () => !process.env.DATABASE_URL || (found('pg_dump') && found('pg_restore')),
    why: 'pg_dump et pg_restore (sauvegarde PostgreSQL, seulement avec DATABASE_URL)',
  },
];

const missing = prerequisites.filter((p) => !p.present());
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((p) => p.pkg);
const line = `apt-get install -y ${pkgs.join(' ')}`;
const say = (msg) => process.stderr.write(`${msg}\n`);
say('Prérequis des tests manquants / missing test prerequisites:');
for (const p of missing) say(`  - ${p.why}`);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = found('apt-get') && fs.existsSync('/etc/debian_version');
if (isRoot && hasApt && !process.env.ENSEMBLE_NO_APT) {
  say(`Installation / installing: ${line}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const still = missing.filter((p) => !p.present());
  if (install && install.status === 0 && still.length === 0) {
    say('Prérequis installés / prerequisites installed.');
    process.exit(0);
  }
  say(`L’installation a échoué / installation failed: ${still.map((p) => p.pkg).join(' ') || pkgs.join(' ')}`);
  process.exit(1);
}
say('Installez-les puis relancez « npm test » / install them, then run `npm test` again:');
say(`  ${isRoot ? '' : 'sudo '}${line}`);
process.exit(1);
