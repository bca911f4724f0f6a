import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

/**
 * What the Debian tools (qpdf, poppler-utils) say of a PDF: the properties the white paper promises
 * (valid, tagged, fonts embedded, bookmarks, extractable text), checked by the tools readers' software
 * relies on rather than by our own parsing.
 */
export interface PdfReport {
  qpdfCheck: { status: number | null; output: string };
  info: Record<string, string>;
  fonts: Array<{ name: string; embedded: boolean }>;
  outlines: string[];
  text: string;
}

export function writeTemp(pdf: Buffer, name: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-pdf-')), name);
  fs.writeFileSync(file, pdf);
  return file;
}

export function inspectPdf(file: string): PdfReport {
  const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  const info = Object.fromEntries(
    execFileSync('pdfinfo', [file], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.match(/^([^:]+):\s*(.*)$/))
      .filter((m): m is RegExpMatchArray => !!m)
      .map((m) => [m[1]!.trim(), m[2]!.trim()]),
  );
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type [encoding…] emb sub uni object ID: « emb » is the 5th column from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
    outlines: Array<{ title: string; kids: unknown[] }>;
  };
  const outlines: string[] = [];
  const walk = (items: Array<{ title: string; kids: unknown[] }>) => {
    for (const o of items) {
      outlines.push(o.title);
      walk(o.kids as Array<{ title: string; kids: unknown[] }>);
    }
  };
  walk(json.outlines);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { qpdfCheck: { status: check.status, output: `${check.stdout}${check.stderr}` }, info, fonts, outlines, text };
}

/** Text with every kind of space made a plain one (pdftotext keeps the non-breaking ones). */
export const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f\u2009\s]+/g, ' ');

/** Renders the first pages to PNG under test-results/, so that a person can look at them. */
export function pagesToPng(file: string, folder: string, pages = 4): string[] {
  const dir = path.join(PROJECT_ROOT, 'test-results', folder);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', String(pages), file, path.join(dir, 'page')]);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.png')).map((f) => path.join(dir, f));
}
