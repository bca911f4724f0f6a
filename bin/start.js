#!/usr/bin/env node
'use strict';
/**
 * `npm start`. Outside production it compiles first, so that `npm install && npm start` is the whole
 * story for a newcomer. In production (NODE_ENV=production) it runs the compiled server as it is: the
 * compiler is a dev dependency, absent after `npm ci --omit=dev`, and the build is a step of its own
 * (`npm run build`, see the README's production section).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const server = path.join(root, 'dist', 'src', 'server.js');

if (process.env.NODE_ENV !== 'production') {
  // npm tells its scripts where its own CLI is; `npm run build` keeps one definition of the build.
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('La compilation a échoué (npm run build) : le serveur ne démarre pas.\n');
    process.exit(1);
  }
} else if (!fs.existsSync(server)) {
  process.stderr.write(
    'dist/src/server.js est absent : en production, compilez d’abord avec « npm ci && npm run build » ' +
      '(les paquets de développement peuvent ensuite être retirés : « npm prune --omit=dev »).\n',
  );
  process.exit(1);
}

// In this process, so that SIGTERM from a supervisor reaches the server's graceful stop directly.
require(server);
