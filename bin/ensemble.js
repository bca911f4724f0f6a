#!/usr/bin/env node
// Thin launcher: the command itself is compiled TypeScript (npm run build).
require('../dist/src/cli.js');
