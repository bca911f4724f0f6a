/**
 * A deliberately small scanner of knex writes in TypeScript source, for the ownership test. It does
 * not type-check anything: it finds the shapes this codebase uses to write a table, and reports each
 * with the table name written literally in the call. What it sees:
 *   - a chain rooted at a table, `db('t')` / `trx('t as x')` / `db.table('t')`, whose own methods
 *     (not those of a sub-query inside its arguments) include insert, update, del, delete, increment,
 *     decrement, onConflict, upsert or truncate, even when the chain runs over several lines;
 *   - `.into('t')`, `insertReturningId(db, 't', …)`, `updateIfVersion(trx, 't', …)`, `insertRows(db, 't', …)`;
 *   - raw SQL in strings: `INSERT INTO t`, `UPDATE t SET`, `DELETE FROM t`.
 * What it cannot see: a builder kept in a variable or returned by a helper and written later
 * (`const q = db('t'); await q.update(…)`), or a table name computed at run time. Review catches those;
 * the codebase avoids them so that the test can see every write.
 */

export interface TableWrite {
  table: string;
  line: number;
  /** The shape found, e.g. `db('needs')….update`, to help whoever reads the failure. */
  how: string;
}

const WRITE_METHODS = new Set(['insert', 'update', 'del', 'delete', 'increment', 'decrement', 'onConflict', 'upsert', 'truncate']);

/** Blanks comments (keeping line breaks, so line numbers stay right); strings are kept as they are. */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = endOfString(src, i);
      out += src.slice(i, end);
      i = end;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the string literal opening at `start` (template literals: up to the closing backtick). */
function endOfString(src: string, start: number): number {
  const quote = src[start];
  let i = start + 1;
  while (i < src.length && src[i] !== quote) i += src[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Index just past the parenthesis that closes the one opening at `open`, strings skipped. */
function endOfParens(src: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = endOfString(src, i);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
    i++;
  }
  return src.length;
}

/** The methods called directly on the chain that starts at `from`: `.a(…).b.c(…)` gives a, c. */
export function chainMethods(src: string, from: number): string[] {
  const methods: string[] = [];
  const step = /^\s*(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)\s*/;
  let i = from;
  for (;;) {
    const m = step.exec(src.slice(i, i + 200));
    if (!m) return methods;
    i += m[0].length;
    if (src[i] === '(') {
      methods.push(m[1]!);
      i = endOfParens(src, i);
    }
  }
}

const lineAt = (src: string, index: number) => src.slice(0, index).split('\n').length;

/** Every write to a table named in `tables` found in one file's source. */
export function findTableWrites(source: string, tables: ReadonlySet<string>): TableWrite[] {
  const src = stripComments(source);
  const found: TableWrite[] = [];
  const add = (table: string, index: number, how: string) => {
    if (tables.has(table)) found.push({ table, line: lineAt(src, index), how });
  };

  // A chain rooted at a table: a bare call (db, trx, knex…) or `.table(…)`; `.from(…)` is a read root.
  const root = /(?<![.\w$])([A-Za-z_$][\w$]*)\(\s*(['"`])([a-z_][a-z0-9_]*)(?:\s+as\s+\w+)?\2\s*\)|\.(table|from)\(\s*(['"`])([a-z_][a-z0-9_]*)(?:\s+as\s+\w+)?\5\s*\)/g;
  for (const m of src.matchAll(root)) {
    const table = m[3] ?? m[6]!;
    const writes = chainMethods(src, m.index + m[0].length).filter((name) => WRITE_METHODS.has(name));
    if (writes.length) add(table, m.index, `${m[1] ?? '.' + m[4]}('${table}')….${writes[0]}`);
  }
  for (const m of src.matchAll(/\.into\(\s*(['"`])([a-z_][a-z0-9_]*)\1/g)) add(m[2]!, m.index, `.into('${m[2]}')`);
  for (const m of src.matchAll(/\b(insertReturningId|updateIfVersion|insertRows)\(\s*[\w$.]+\s*,\s*(['"`])([a-z_][a-z0-9_]*)\2/g)) {
    add(m[3]!, m.index, `${m[1]}(…, '${m[3]}')`);
  }
  for (const m of src.matchAll(/\b(INSERT\s+INTO|DELETE\s+FROM)\s+([a-z_][a-z0-9_]*)\b|\bUPDATE\s+([a-z_][a-z0-9_]*)\s+(?:AS\s+\w+\s+)?SET\b/gi)) {
    add(m[2] ?? m[3]!, m.index, `SQL « ${m[0].replace(/\s+/g, ' ')} »`);
  }
  return found.sort((a, b) => a.line - b.line);
}
