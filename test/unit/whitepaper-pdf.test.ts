import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { PROJECT_ROOT } from '../../src/config';
import { allNeeds, type WhitePaperDocument } from '../../src/modules/whitepaper/document';
import { renderWhitePaperPdf, renderWhitePaperPdfToBuffer } from '../../src/modules/whitepaper/pdf/render-pdf';
import { HOSTILE_MARKERS, sampleDocument } from '../support/whitepaper-fixture';

/**
 * The white paper's PDF as its readers' software sees it, checked with the Debian tools (qpdf and
 * poppler-utils) rather than with our own parsing: valid, tagged, fonts embedded, bookmarks, text
 * extractable with its accents, no hostile Markdown, and a table of contents whose page numbers are
 * true. The first pages are also rendered to PNG under test-results/whitepaper/ for a human look.
 */
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
/** pdftotext keeps the non-breaking spaces of French typography; comparisons want plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f\s]+/g, ' ');

describe('The white paper as a PDF', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let doc: WhitePaperDocument;
  let result: { pages: number; bytes: number };
  let progress: Array<[number, number]>;
  let text: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-whitepaper-'));
    file = path.join(dir, 'livre-blanc.pdf');
    doc = sampleDocument(12, { demoFigures: true });
    progress = [];
    result = await renderWhitePaperPdf(doc, fs.createWriteStream(file), { onProgress: (done, total) => void progress.push([done, total]) });
    text = plain(run('pdftotext', ['-enc', 'UTF-8', file, '-']));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is a valid PDF 1.7 for qpdf, without any warning', () => {
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).to.equal(0);
    expect(`${check.stdout}${check.stderr}`).not.to.match(/warning|error:/i);
    expect(fs.readFileSync(file).subarray(0, 8).toString('latin1')).to.equal('%PDF-1.7');
    expect(fs.statSync(file).size).to.equal(result.bytes);
  });

  it('is tagged, titled, in French, with the page count it reports', () => {
    const info = run('pdfinfo', [file]);
    expect(info).to.match(/^Tagged:\s+yes$/m);
    expect(info).to.match(new RegExp(`^Title:\\s+${doc.title}$`, 'm'));
    expect(info).to.match(new RegExp(`^Author:\\s+${doc.author}$`, 'm'));
    expect(info).to.match(new RegExp(`^Pages:\\s+${result.pages}$`, 'm'));
    expect(result.pages).to.be.greaterThan(15);
    const raw = fs.readFileSync(file).toString('latin1');
    expect(raw).to.contain('/Lang (fr-FR)').and.contain('/DisplayDocTitle true').and.contain('pdfuaid:part');
  });

  it('embeds every font it uses, and no standard-14 font', () => {
    const lines = run('pdffonts', [file]).trim().split('\n').slice(2);
    expect(lines.length).to.be.greaterThan(1);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      expect(cols[cols.length - 5], line).to.equal('yes');
      expect(line).to.match(/SourceSans3/);
    }
    expect(fs.readFileSync(file).toString('latin1')).not.to.match(/Helvetica|Times-Roman|Courier/);
  });

  it('has bookmarks mirroring the chapters, with the needs under their theme', () => {
    type Outline = { title: string; kids: Outline[] };
    const { outlines } = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file])) as { outlines: Outline[] };
    const top = outlines.map((o) => o.title);
    expect(top).to.include.members(['Avant-propos', 'Les chiffres de la consultation', 'La méthode', 'Conclusion', 'Remerciements', 'Annexes']);
    for (const theme of doc.themes) {
      const entry = outlines.find((o) => o.title === theme.title);
      expect(entry, theme.title).to.exist;
      expect(entry!.kids.map((k) => plain(k.title))).to.deep.equal(theme.needs.map((n) => plain(`${n.code} — ${n.title}`)));
    }
    expect(outlines.find((o) => o.title === 'Annexes')!.kids.map((k) => k.title)).to.deep.equal(['Liste des ateliers', 'Les ambassadeurs', 'Index des besoins']);
  });

  it('keeps the text extractable, accents and guillemets intact', () => {
    for (const s of ['é', 'è', 'ç', 'à', 'œ', '«', '»', 'Œ', 'É']) expect(text, s).to.contain(s);
    expect(text).to.contain('cœur du métier').and.contain('« dossier unique »').and.contain('Les chiffres de la consultation');
    for (const need of allNeeds(doc)) expect(text).to.contain(plain(`${need.code} — ${need.title}`));
    for (const proposal of allNeeds(doc).flatMap((n) => n.proposals)) expect(text).to.contain(`${proposal.code} — `);
    expect(text).to.contain('Issu de 1 contribution, 1 atelier, 1 région');
    expect(text).to.match(/Issu de \d+ contributions, \d+ ateliers?, \d+ régions?/);
    expect(text).to.contain('Version de travail — 29 novembre 2026');
    expect(text).to.contain('Priorité haute').and.contain('Chantier cible');
  });

  it('prints the figures as big numbers (84 workshops, 811 participants, 1 091 contributions…)', () => {
    const page = /^\s+"Les chiffres de la consultation (\d+)"$/m.exec(run('pdfinfo', ['-struct-text', file]))?.[1];
    expect(page).to.be.a('string');
    // -raw: in the order of the content, which is the reading order (each number, then its label).
    const figures = plain(run('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', page!, '-l', page!, file, '-']));
    for (const f of ['84 ateliers', '811 participants', '1 091 contributions', '300 contributions consolidées', '12 besoins', '14 ambassadeurs', '13 régions']) {
      // The thousands separator is a narrow no-break space, which pdftotext -raw may leave out.
      expect(figures).to.match(new RegExp(f.replace(/(\d) (\d)/, '$1 ?$2')));
    }
  });

  it('never prints the hostile Markdown (script, remote image, javascript: link)', () => {
    for (const marker of HOSTILE_MARKERS) expect(text).not.to.contain(marker);
    expect(text).to.contain('Un lien trompeur reste du texte.');
    const raw = fs.readFileSync(file).toString('latin1');
    expect(raw).not.to.match(/javascript:|evil\.example/i);
    expect(raw).to.contain('/URI (https://ensemble.example.fr/consultations)');
  });

  it('gives true page numbers in the table of contents and in the index', () => {
    const struct = run('pdfinfo', ['-struct-text', file]);
    // The TOC as a screen reader reads it: each need's entry is a link ending with its page number.
    const toc = [...struct.matchAll(/^\s+"(B-\d+) — .* (\d+)"$/gm)].map((m) => ({ code: m[1]!, page: Number(m[2]) }));
    expect(toc.map((e) => e.code)).to.deep.equal(allNeeds(doc).map((n) => n.code));
    for (const { code, page } of toc) {
      const onPage = plain(run('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-']));
      expect(onPage, `${code} annoncé page ${page}`).to.contain(`${code} — `);
      expect(onPage).not.to.contain('Sommaire');
    }
    const chapters = [...struct.matchAll(/^\s+"(Avant-propos|Conclusion|Annexes) (\d+)"$/gm)];
    expect(chapters).to.have.length(3);
    for (const m of chapters) {
      const onPage = run('pdftotext', ['-enc', 'UTF-8', '-f', m[2]!, '-l', m[2]!, file, '-']);
      expect(onPage).to.contain(m[1]!);
    }
    // The index (last pages) lists each need with the same page as the table of contents.
    const index = plain(run('pdftotext', ['-enc', 'UTF-8', '-f', String(result.pages), '-l', String(result.pages), file, '-']));
    expect(index).to.contain('Index des besoins');
    for (const { code, page } of toc) expect(index).to.match(new RegExp(`${code} .*? ${page}\\b`));
  });

  it('has the structure of an accessible document (headings, lists, quotes, figures, tables, links)', () => {
    const struct = run('pdfinfo', ['-struct-text', file]);
    for (const tag of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'BlockQuote', 'Figure', 'Table', 'TR', 'TH', 'TD', 'TOC', 'TOCI', 'Link']) {
      expect(struct, tag).to.match(new RegExp(`^\\s*${tag}\\b`, 'm'));
    }
    expect(struct.match(/^\s*Figure\b/gm)).to.have.length(3);
    // Header and footer are artifacts: never in the structure a screen reader follows.
    expect(struct).not.to.match(/Page \d+ sur/);
  });

  it('reports its progress need by need, over both passes', () => {
    const needs = allNeeds(doc).length;
    expect(progress).to.have.length(2 * needs);
    expect(progress[0]).to.deep.equal([1, 2 * needs]);
    expect(progress[progress.length - 1]).to.deep.equal([2 * needs, 2 * needs]);
  });

  it('renders the cover, the contents and the foreword to PNG for a human look', () => {
    const out = path.join(PROJECT_ROOT, 'test-results', 'whitepaper');
    fs.mkdirSync(out, { recursive: true });
    run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '3', file, path.join(out, 'page')]);
    const pngs = fs.readdirSync(out).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pngs.length).to.be.at.least(3);
  });

  it('names a published edition on its cover, and renders the same to a buffer', async () => {
    const published = { ...sampleDocument(12, { demoFigures: true, edition: 3 }), title: 'Livre blanc : emploi & formation <2026>' };
    const { pdf, pages } = await renderWhitePaperPdfToBuffer(published);
    // The XMP metadata stays well-formed XML whatever the title holds.
    expect(pdf.toString('utf8')).to.contain('>Livre blanc : emploi &amp; formation &lt;2026&gt;</rdf:li>');
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(pages).to.equal(result.pages);
    const target = path.join(dir, 'edition.pdf');
    fs.writeFileSync(target, pdf);
    const cover = plain(run('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', target, '-']));
    expect(cover).to.contain('Édition 3 — 20 novembre 2026').and.not.contain('Version de travail');
    expect(run('pdfinfo', [target])).to.match(/^Title:\s+Livre blanc : emploi & formation <2026>$/m);
  });

  it('waits for a slow destination, and stops when the destination goes away', async () => {
    let bytes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _e, callback) {
        bytes += chunk.length;
        setTimeout(callback, 1);
      },
    });
    const done = await renderWhitePaperPdf(sampleDocument(6), slow);
    expect(bytes).to.equal(done.bytes);

    const closing = new Writable({
      write(_chunk, _e, callback) {
        callback();
        this.destroy();
      },
    });
    let failed: unknown = null;
    await renderWhitePaperPdf(sampleDocument(40), closing).catch((err: unknown) => (failed = err));
    expect(failed).to.be.instanceOf(Error);
  });
});
