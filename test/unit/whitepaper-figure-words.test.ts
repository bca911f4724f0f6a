import { expect } from 'chai';
import { registerFonts } from '../../src/modules/whitepaper/pdf/fonts';
import { createPdf, type ShapedRun } from '../../src/modules/whitepaper/pdf/pdfkit-api';

/**
 * Figure words (codes, counts, page numbers) are assembled from their characters' runs instead of
 * being shaped by fontkit (fonts.ts): what is drawn and measured must be exactly what fontkit gives.
 */
describe('White paper fonts: figure words', () => {
  const words = ['B-01234', 'B-00123.1', '8\u202f015', '1.2', '(volet 12)', '12/34', '100%', '3\u00a0:', 'B-1 ', '2024–2025'];

  const plain = (run: ShapedRun) => ({
    ids: run.glyphs.map((g) => g.id),
    positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
    width: run.advanceWidth,
  });

  it('gives the glyphs, positions and width fontkit shapes, in every face', () => {
    const fonts = registerFonts(createPdf({ autoFirstPage: false } as Parameters<typeof createPdf>[0]));
    for (const font of Object.values(fonts)) {
      const fontkit = Object.getPrototypeOf(font).layoutRun as PdfFontShape;
      for (const word of words) expect(plain(font.layoutRun(word)), word).to.deep.equal(plain(fontkit.call(font, word)));
    }
  });

  it('still shapes other words with fontkit (a ligature stays one glyph)', () => {
    const fonts = registerFonts(createPdf({ autoFirstPage: false } as Parameters<typeof createPdf>[0]));
    const fontkit = Object.getPrototypeOf(fonts.regular).layoutRun as PdfFontShape;
    expect(plain(fonts.regular.layoutRun('efficace'))).to.deep.equal(plain(fontkit.call(fonts.regular, 'efficace')));
  });
});

type PdfFontShape = (this: unknown, text: string) => ShapedRun;
