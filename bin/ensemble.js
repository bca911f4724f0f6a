#!/usr/bin/env node
'use strict';
// Thin launcher: the command itself is compiled TypeScript (npm run build).
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'src', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('La commande ensemble n’est pas compilée : lancez d’abord « npm run build » (dist/ est absent).\n');
  process.exit(1);
}
require(cli);
