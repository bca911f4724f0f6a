import { expect } from 'chai';
import { markdownToText, renderMarkdown } from '../../src/shared/markdown';

describe('Markdown is always sanitised', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('## Titre\n\n**gras** et [lien](https://exemple.fr)');
    expect(html).to.contain('<h2>Titre</h2>').and.contain('<strong>gras</strong>').and.contain('href="https://exemple.fr"');
  });

  it('drops scripts, event handlers, raw HTML, javascript: links and remote images', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) ![i](https://pisteur.example/p.png) <iframe src="https://x"></iframe>');
    expect(html).not.to.match(/<script|onerror|javascript:|<img|<iframe/i);
  });

  it('demotes h1 so the page keeps a single h1', () => {
    expect(renderMarkdown('# Grand titre')).to.contain('<h2>Grand titre</h2>');
  });

  it('extracts plain text', () => {
    expect(markdownToText('**Bonjour** _monde_')).to.equal('Bonjour monde');
    expect(markdownToText("Santé & logement : l'accès <rapide>")).to.equal("Santé & logement : l'accès");
  });
});
