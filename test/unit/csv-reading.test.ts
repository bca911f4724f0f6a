import { expect } from 'chai';
import iconv from 'iconv-lite';
import { CsvFormatError, decodeText, detectDelimiter, normaliseHeader, parseCsv } from '../../src/shared/csv';

describe('Reading CSV files from French offices', () => {
  it('decodes UTF-8 with and without BOM, and Windows-1252', () => {
    expect(decodeText(Buffer.from('\uFEFFété', 'utf8'))).to.deep.equal({ text: 'été', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('été', 'utf8')).text).to.equal('été');
    expect(decodeText(iconv.encode('Hélène « Œuvre » €', 'win1252'))).to.deep.equal({ text: 'Hélène « Œuvre » €', encoding: 'windows-1252' });
  });

  it('detects semicolons and commas', () => {
    expect(detectDelimiter('email;nom;role\n')).to.equal(';');
    expect(detectDelimiter('email,nom\n')).to.equal(',');
  });

  it('normalises headers (accents, case, spaces)', () => {
    expect(normaliseHeader(' Rôle ')).to.equal('role');
    expect(normaliseHeader('Adresse électronique')).to.equal('adresse_electronique');
  });

  it('keeps line numbers, quoted line breaks and emoji', () => {
    const p = parseCsv(Buffer.from('texte;auteur\n"Deux\nlignes 😀";Awa\nSeule;Bob\n'), 10);
    expect(p.rows[0]).to.deep.equal({ line: 2, values: { texte: 'Deux\nlignes 😀', auteur: 'Awa' } });
    expect(p.rows[1]!.values.auteur).to.equal('Bob');
  });

  it('refuses empty, malformed and oversized files in French', () => {
    expect(() => parseCsv(Buffer.from('  '), 10)).to.throw(CsvFormatError, /vide/);
    expect(() => parseCsv(Buffer.from('a;b\n"ouvert;x\n'), 10)).to.throw(CsvFormatError, /mal formé/);
    expect(() => parseCsv(Buffer.from('a\n1\n2\n3\n'), 2)).to.throw(CsvFormatError, /dépasse 2 lignes/);
  });
});
