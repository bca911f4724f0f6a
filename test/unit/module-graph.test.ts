import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { buildImportGraphs, cyclePath, findCycles, importStatements, moduleOf, type ImportGraph } from './import-graph';
import { MODULE_LAYERS } from './module-layers';

// Compiled to dist/test/unit: the sources are read from the project root, three levels up.
const ROOT = path.resolve(__dirname, '../../..');
const MODULES_DIR = path.join(ROOT, 'src/modules');

const edges = (graph: ImportGraph) => [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

describe('Import graph reader', () => {
  it('reads every statement form and tells type-only imports apart', () => {
    const source = [
      "import './messages';",
      "import { a, type B } from './a';",
      "import type { C } from './c';",
      "export type { D } from './d';",
      "export { e } from './e';",
      'import {',
      '  type F,',
      '  type G,',
      "} from './f';",
      "const h = await import('./h');",
      "// import { nothing } from './commented';",
      "/* export { neither } from './block'; */",
    ].join('\n');
    expect(importStatements(source)).to.have.deep.members([
      { specifier: './messages', typeOnly: false },
      { specifier: './a', typeOnly: false },
      { specifier: './c', typeOnly: true },
      { specifier: './d', typeOnly: true },
      { specifier: './e', typeOnly: false },
      { specifier: './f', typeOnly: true },
      { specifier: './h', typeOnly: false },
    ]);
  });

  it('finds a cycle and a loop through it, and nothing in a tree', () => {
    const graph: ImportGraph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
    ]);
    expect(findCycles(graph)).to.deep.equal([['a', 'b', 'c']]);
    expect(cyclePath(graph, ['a', 'b', 'c'])).to.deep.equal(['a', 'b', 'c', 'a']);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).to.deep.equal([]);
  });
});

describe('Module graph (convention 14: a one-way module graph)', () => {
  const graphs = buildImportGraphs(ROOT);

  it('reads the whole of src/', () => {
    expect(graphs.all.has('src/app.ts')).to.equal(true);
    expect(graphs.all.get('src/app.ts')).to.include('src/modules/consultations/routes.ts');
  });

  it('has no import cycle between files', () => {
    // Run-time imports only: a cycle of them lets a file run against a half-loaded one (undefined
    // exports, panels registered too late). Cycles through types alone are caught between modules below.
    const cycles = findCycles(graphs.runtime).map(
      (files) => `${files.length} files (${files.join(', ')}), e.g. ${cyclePath(graphs.runtime, files).join(' → ')}`,
    );
    expect(cycles, 'import cycles').to.deep.equal([]);
  });

  it('keeps shared/ free of any module', () => {
    const offending = edges(graphs.all)
      .filter(({ from, to }) => from.startsWith('src/shared/') && to.startsWith('src/modules/'))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(offending, 'shared/ importing a module').to.deep.equal([]);
  });

  it('enters another module only through its index.ts, and mounts routes.ts from app.ts only', () => {
    const offending = edges(graphs.all)
      .filter(({ from, to }) => {
        const target = moduleOf(to);
        if (!target || moduleOf(from) === target) return false;
        if (to.endsWith('/routes.ts')) return from !== 'src/app.ts';
        return to !== `src/modules/${target}/index.ts`;
      })
      .map(({ from, to }) => `${from} → ${to}`);
    expect(offending, 'imports of another module’s internal files').to.deep.equal([]);
  });

  it('lets no module index load an HTTP layer, even through other files', () => {
    const isRouter = (file: string) => /(^|\/|-)routes\.ts$/.test(file);
    const offending: string[] = [];
    for (const index of [...graphs.runtime.keys()].filter((f) => /^src\/modules\/[^/]+\/index\.ts$/.test(f))) {
      const seen = new Set([index]);
      const queue = [index];
      while (queue.length) {
        for (const next of graphs.runtime.get(queue.shift()!) ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
      offending.push(...[...seen].filter(isRouter).map((router) => `${index} loads ${router}`));
    }
    expect(offending, 'index.ts loading a router').to.deep.equal([]);
  });

  it('lists every module in the allowed-direction map', () => {
    const modules = fs.readdirSync(MODULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(Object.keys(MODULE_LAYERS).sort()).to.deep.equal(modules.sort());
  });

  it('has an allowed-direction map without cycles', () => {
    const map: ImportGraph = new Map(Object.entries(MODULE_LAYERS).map(([m, allowed]) => [m, [...allowed]]));
    expect(findCycles(map), 'cycles in module-layers.ts').to.deep.equal([]);
  });

  it('imports between modules only in the allowed direction (types included)', () => {
    const offending = new Set<string>();
    for (const { from, to } of edges(graphs.all)) {
      const [source, target] = [moduleOf(from), moduleOf(to)];
      if (!source || !target || source === target) continue;
      if (!(MODULE_LAYERS[source] ?? []).includes(target)) offending.add(`${source} → ${target} (${from} imports ${to})`);
    }
    expect([...offending], 'see test/unit/module-layers.ts').to.deep.equal([]);
  });
});
