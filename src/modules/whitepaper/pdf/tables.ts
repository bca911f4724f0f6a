import { type Composer, frenchRuns } from './composer';
import type { FontKey } from './fonts';
import type { Line } from './line-breaker';
import type { StructElem } from './pdfkit-api';
import { BLUE, LIGHT_BLUE, MAX_Y, RULE, SMALL, TEXT } from './style';

/**
 * A tagged table (Table > TR > TH/TD, header cells scoped to their column). A row is never split
 * across pages; on each new page the header row is drawn again, as a pagination artifact (the
 * structure has it once).
 */
export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

export interface Cell {
  text: string;
  font?: FontKey;
  color?: string;
  /** Named destination the cell's text links to. */
  goTo?: string;
}

export interface TableSpec {
  x: number;
  columns: Column[];
  size?: number;
  lh?: number;
}

const PAD = 4;

/** A table printed row by row (so that a long one can yield to the output stream between rows). */
export class TableWriter {
  private readonly size: number;
  private readonly lh: number;
  private readonly total: number;
  private readonly header: Line[][];
  private readonly headerH: number;
  private readonly table: StructElem;
  private readonly previousHook: (() => void) | null;
  private started = false;
  private index = 0;

  constructor(
    private readonly c: Composer,
    parent: StructElem,
    private readonly spec: TableSpec,
  ) {
    this.size = spec.size ?? SMALL.size;
    this.lh = spec.lh ?? SMALL.lh;
    this.total = spec.columns.reduce((s, col) => s + col.width, 0);
    this.header = spec.columns.map((col) => this.cellLines({ text: col.title }, col, true));
    this.headerH = Math.max(1, ...this.header.map((l) => l.length)) * this.lh + 2 * PAD;
    this.table = c.struct(parent, 'Table');
    this.previousHook = c.onPageStart;
  }

  private cellLines(cell: Cell, col: Column, bold = false): Line[] {
    const style = { font: bold ? ('semibold' as const) : (cell.font ?? 'regular'), size: this.size, color: cell.goTo ? BLUE : (cell.color ?? TEXT), ...(cell.goTo ? { goTo: cell.goTo } : {}) };
    const lines = this.c.lines(frenchRuns([{ text: cell.text, ...style }]), col.width - 2 * PAD);
    if (col.align === 'right') for (const l of lines) for (const p of l.pieces) p.x += col.width - 2 * PAD - l.width;
    return lines;
  }

  private drawHeader(tagged: boolean): void {
    const { c, spec, lh } = this;
    const top = c.y;
    c.artifact(tagged ? 'Layout' : 'Pagination', null, () => {
      c.rect(spec.x, top, this.total, this.headerH, LIGHT_BLUE);
      if (!tagged) this.header.forEach((lines, i) => drawPlain(c, lines, colX(spec.columns, spec.x, i) + PAD, top + PAD, lh));
    });
    if (tagged) {
      const tr = c.struct(this.table, 'TR');
      this.header.forEach((lines, i) => {
        const th = c.struct(tr, 'TH', { scope: 'Column' });
        c.y = top + PAD;
        c.printLines(th, 'TH', lines, colX(spec.columns, spec.x, i) + PAD, lh);
        th.end();
      });
      tr.end();
    }
    c.y = top + this.headerH;
  }

  private start(firstRowH: number): void {
    this.c.ensure(this.headerH + firstRowH);
    this.drawHeader(true);
    this.c.onPageStart = () => this.drawHeader(false);
    this.started = true;
  }

  row(row: Cell[]): void {
    const { c, spec, lh } = this;
    const cells = row.map((cell, i) => this.cellLines(cell, spec.columns[i] ?? spec.columns[spec.columns.length - 1]!));
    const rowH = Math.max(1, ...cells.map((l) => l.length)) * lh + 2 * PAD;
    if (!this.started) this.start(rowH);
    else if (c.y + rowH > MAX_Y) c.newPage();
    const top = c.y;
    const zebra = this.index % 2 === 1;
    c.artifact('Layout', null, () => {
      if (zebra) c.rect(spec.x, top, this.total, rowH, '#f6f6f6');
      c.rect(spec.x, top + rowH - 0.5, this.total, 0.5, RULE);
    });
    const tr = c.struct(this.table, 'TR');
    cells.forEach((lines, i) => {
      const td = c.struct(tr, 'TD');
      c.y = top + PAD;
      if (lines.length) c.printLines(td, 'TD', lines, colX(spec.columns, spec.x, i) + PAD, lh);
      td.end();
    });
    tr.end();
    c.y = top + rowH;
    this.index++;
  }

  end(): void {
    // No rows: the header alone still says what the table would hold.
    if (!this.started) this.start(0);
    this.c.onPageStart = this.previousHook;
    this.table.end();
    this.c.y += 4;
  }
}

export function printTable(c: Composer, parent: StructElem, spec: TableSpec & { rows: Cell[][] }): void {
  const t = new TableWriter(c, parent, spec);
  for (const row of spec.rows) t.row(row);
  t.end();
}

function colX(columns: Column[], x: number, i: number): number {
  let at = x;
  for (let k = 0; k < i; k++) at += columns[k]!.width;
  return at;
}

/** Text inside an artifact (a repeated header): no structure, no links. */
function drawPlain(c: Composer, lines: Line[], x: number, y: number, lh: number): void {
  lines.forEach((line, n) => {
    for (const p of line.pieces) c.drawText(p.text, p.style.font, p.style.size, p.style.color, x + p.x, y + n * lh + (lh - p.style.size * 1.326) / 2);
  });
}
