import { expect } from 'chai';
import { markdownBlocks, type MdBlock, type MdRun } from '../../src/shared/markdown';

/** Every character a reader of the blocks could ever print. */
function allText(blocks: MdBlock[]): string {
  const runs = (rs: MdRun[]) => rs.map((r) => `${r.text}${r.href ? ` <${r.href}>` : ''}`).join('');
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
          return runs(b.runs);
        case 'list':
          return b.items.map((i) => allText(i.blocks)).join('\n');
        case 'blockquote':
          return allText(b.blocks);
        case 'code':
          return b.text;
        case 'table':
          return [...b.header, ...b.rows.flat()].join('|');
        default:
          return '';
      }
    })
    .join('\n');
}

describe('Markdown as sanitised blocks (what the PDF prints)', () => {
  it('maps headings (demoted), paragraphs with emphasis, and merges runs of one style', () => {
    const blocks = markdownBlocks('# Grand titre\n\n### Sous-titre\n\nUn **accès _rapide_** et `code` à l’historique.');
    expect(blocks[0]).to.deep.equal({ type: 'heading', level: 2, runs: [{ text: 'Grand titre' }] });
    expect(blocks[1]).to.deep.equal({ type: 'heading', level: 3, runs: [{ text: 'Sous-titre' }] });
    expect(blocks[2]).to.deep.equal({
      type: 'paragraph',
      runs: [
        { text: 'Un ' },
        { text: 'accès ', bold: true },
        { text: 'rapide', bold: true, italic: true },
        { text: ' et ' },
        { text: 'code', code: true },
        { text: ' à l’historique.' },
      ],
    });
  });

  it('drops raw HTML entirely, block and inline, with the content of scripts', () => {
    const blocks = markdownBlocks(
      'Avant <script>alert("inline")</script> après <b>gras brut</b>.\n\n<script>alert("bloc")</script>\n\n<div onclick="x()">bloc HTML</div>\n\nFin.',
    );
    const text = allText(blocks);
    expect(text).not.to.match(/alert|script|onclick|<b>|<div|bloc HTML/);
    expect(text).to.contain('Avant').and.contain('après').and.contain('gras brut').and.contain('Fin.');
  });

  it('turns images into their alternative text and never keeps their address', () => {
    const blocks = markdownBlocks('Voir ![schéma du parcours](https://pisteur.example/p.png) ici.\n\n<img src="http://evil.example/x.png" alt="piège">');
    const text = allText(blocks);
    expect(text).to.contain('schéma du parcours');
    expect(text).not.to.match(/pisteur|evil|piège|<img/);
  });

  it('keeps only http(s) and mailto link addresses; other links become plain text', () => {
    const [p] = markdownBlocks('[site](https://exemple.fr) [écrire](mailto:dsi@exemple.fr) [piège](javascript:alert(1)) [local](/admin) [données](data:text/html,x)');
    expect(p?.type).to.equal('paragraph');
    const runs = (p as { runs: MdRun[] }).runs;
    expect(runs.filter((r) => r.href).map((r) => r.href)).to.deep.equal(['https://exemple.fr', 'mailto:dsi@exemple.fr']);
    expect(JSON.stringify(runs)).not.to.match(/javascript|data:|\/admin/);
    expect(runs.map((r) => r.text).join('')).to.contain('piège').and.contain('local');
  });

  it('keeps nested and ordered lists with their start number', () => {
    const blocks = markdownBlocks('- premier\n  - imbriqué **gras**\n- second\n\n3. trois\n4. quatre');
    const [ul, ol] = blocks;
    expect(ul).to.include({ type: 'list', ordered: false, start: 1 });
    const items = (ul as Extract<MdBlock, { type: 'list' }>).items;
    expect(items).to.have.length(2);
    expect(items[0]!.blocks[0]).to.deep.equal({ type: 'paragraph', runs: [{ text: 'premier' }] });
    const nested = items[0]!.blocks[1] as Extract<MdBlock, { type: 'list' }>;
    expect(nested.type).to.equal('list');
    expect(nested.items[0]!.blocks[0]).to.deep.equal({ type: 'paragraph', runs: [{ text: 'imbriqué ' }, { text: 'gras', bold: true }] });
    expect(ol).to.include({ type: 'list', ordered: true, start: 3 });
  });

  it('maps blockquotes, code, rules and tables to plain text; decodes entities', () => {
    const blocks = markdownBlocks('> cité\n\n```\nx < y\n```\n\n---\n\n| Région | **Ateliers** |\n|---|---|\n| Occitanie | 6 |\n\nSanté &amp; logement');
    expect(blocks.map((b) => b.type)).to.deep.equal(['blockquote', 'code', 'hr', 'table', 'paragraph']);
    expect(blocks[1]).to.deep.equal({ type: 'code', text: 'x < y' });
    expect(blocks[3]).to.deep.equal({ type: 'table', header: ['Région', 'Ateliers'], rows: [['Occitanie', '6']] });
    expect(blocks[4]).to.deep.equal({ type: 'paragraph', runs: [{ text: 'Santé & logement' }] });
  });

  it('returns nothing for empty input', () => {
    expect(markdownBlocks('')).to.deep.equal([]);
    expect(markdownBlocks(null)).to.deep.equal([]);
    expect(markdownBlocks('<script>x</script>')).to.deep.equal([]);
  });
});
