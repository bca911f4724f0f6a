import fs from 'node:fs';
import path from 'node:path';

/**
 * The import graph of src/, read from the source text rather than from the compiler: a regex is
 * enough for our own files (one statement style, no string tricks), and it keeps the graph test
 * fast and free of a TypeScript API dependency.
 */

/** `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, across line breaks. */
const STATEMENTS = [
  /\b(?:import|export)\s([^;'"]*?)\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*()['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*()['"]([^'"]+)['"]\s*\)/g,
];

export interface ImportStatement {
  specifier: string;
  /** `import type …`, `export type …` or `{ type A, type B }`: erased by the compiler, never loaded. */
  typeOnly: boolean;
}

const isTypeOnly = (clause: string): boolean => {
  const c = clause.trim();
  if (/^type\b/.test(c)) return true;
  const braces = /^\{([^}]*)\}$/.exec(c);
  if (!braces) return false;
  const names = braces[1]!.split(',').map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => /^type\s/.test(n));
};

export function importStatements(source: string): ImportStatement[] {
  // Comments may mention imports in prose (« imported by app.ts ») without importing anything.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: ImportStatement[] = [];
  for (const pattern of STATEMENTS) {
    for (const match of code.matchAll(pattern)) found.push({ specifier: match[2]!, typeOnly: isTypeOnly(match[1]!) });
  }
  return found;
}

export function listTsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTsFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** A relative specifier as the compiler resolves it (file.ts, then folder/index.ts); packages give null. */
export function resolveImport(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${fromFile}: cannot resolve import '${specifier}'`);
}

/** Each file (relative to the project, with forward slashes) → the project files it imports. */
export type ImportGraph = Map<string, string[]>;
export interface ImportGraphs {
  /** Every import, types included: what a file depends on. */
  all: ImportGraph;
  /** Only the imports that load code at run time: what decides the order in which modules are evaluated. */
  runtime: ImportGraph;
}

export function buildImportGraphs(projectRoot: string, dir = 'src'): ImportGraphs {
  const all: ImportGraph = new Map();
  const runtime: ImportGraph = new Map();
  const rel = (file: string) => path.relative(projectRoot, file).split(path.sep).join('/');
  for (const file of listTsFiles(path.join(projectRoot, dir))) {
    const edges = importStatements(fs.readFileSync(file, 'utf8'))
      .map((s) => ({ target: resolveImport(file, s.specifier), typeOnly: s.typeOnly }))
      .filter((e): e is { target: string; typeOnly: boolean } => e.target !== null);
    all.set(rel(file), [...new Set(edges.map((e) => rel(e.target)))]);
    runtime.set(rel(file), [...new Set(edges.filter((e) => !e.typeOnly).map((e) => rel(e.target)))]);
  }
  return { all, runtime };
}

/** Every strongly connected group of two or more files (or a file importing itself), by Tarjan's algorithm. */
export function findCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** One concrete loop through a strongly connected group, shortest first: `a → b → c → a`. */
export function cyclePath(graph: ImportGraph, group: string[]): string[] {
  const start = group[0]!;
  const inGroup = new Set(group);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!inGroup.has(next)) continue;
      if (next === start) {
        const loop = [start];
        for (let at = node; at !== start; at = previous.get(at)!) loop.splice(1, 0, at);
        return [...loop, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return group;
}

/** The module a file belongs to (src/modules/<name>/…), or null for shared/, app.ts and the rest. */
export function moduleOf(file: string): string | null {
  const match = /^src\/modules\/([^/]+)\//.exec(file);
  return match ? match[1]! : null;
}
