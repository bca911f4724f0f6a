import { expect } from 'chai';
import {
  cleanBody,
  checkText,
  excelSerialToDay,
  importKey,
  mapColumns,
  parseAuthor,
  parseImportDate,
} from '../../src/modules/imports/row-rules';
import { normaliseHeader } from '../../src/shared/csv';
import { bufferSource, openImportFile } from '../../src/modules/imports/file-reader';
import iconv from 'iconv-lite';

describe('Import rules for one row', () => {
  const today = '2026-11-29';

  it('reads JJ/MM/AAAA, AAAA-MM-JJ and Excel dates, and refuses impossible or future ones', () => {
    expect(parseImportDate('12/03/2024', today)).to.deep.equal({ ok: true, day: '2024-03-12' });
    expect(parseImportDate('2/3/2024', today)).to.deep.equal({ ok: true, day: '2024-03-02' });
    expect(parseImportDate('2024-03-12', today)).to.deep.equal({ ok: true, day: '2024-03-12' });
    expect(parseImportDate('2024-03-12T10:30:00Z', today)).to.deep.equal({ ok: true, day: '2024-03-12' });
    expect(parseImportDate('45366', today)).to.deep.equal({ ok: true, day: '2024-03-15' });
    expect(parseImportDate('', today)).to.deep.equal({ ok: true, day: null });
    for (const bad of ['31/02/2024', '2024-13-01', 'mardi', '2023', '12/03/24']) {
      const r = parseImportDate(bad, today);
      expect(r.ok, bad).to.equal(false);
      if (!r.ok) expect(r.error).to.contain('Date invalide');
    }
    const future = parseImportDate('01/01/2027', today);
    expect(future.ok).to.equal(false);
    if (!future.ok) expect(future.error).to.contain('dans le futur');
  });

  it('converts Excel serial days with the 1900 system', () => {
    expect(excelSerialToDay(45366)).to.equal('2024-03-15');
    expect(excelSerialToDay(36526)).to.equal('2000-01-01');
    expect(excelSerialToDay(2023)).to.equal(null);
  });

  it('bounds the text between 10 and 5,000 characters and keeps it as typed', () => {
    expect(checkText('Court')).to.contain('trop court');
    expect(checkText('x'.repeat(5001))).to.contain('trop long');
    expect(checkText('')).to.contain('vide');
    expect(checkText('Dix lettres')).to.equal(null);
    expect(cleanBody('  Ligne 1\r\nLigne 2 😀  ')).to.equal('Ligne 1\nLigne 2 😀');
  });

  it('recognises French and English column names; the text column is required', () => {
    const headers = ['Texte', 'Référence', 'Atelier', 'Thématique', 'Auteur', 'Date'].map(normaliseHeader);
    const m = mapColumns(headers);
    expect(m).to.deep.equal({ ok: true, map: { texte: 0, reference: 1, atelier: 2, thematique: 3, auteur: 4, date: 5 } });
    expect(mapColumns(['contribution', 'theme']).ok).to.equal(true);
    const missing = mapColumns(['numero']);
    expect(missing.ok).to.equal(false);
    if (!missing.ok) expect(missing.error).to.contain('« texte »').and.contain('« numero »');
  });

  it('reads an author as an e-mail, « Name <e-mail> » or a name', () => {
    expect(parseAuthor(' Marie@ML65.fr ')).to.deep.equal({ email: 'marie@ml65.fr', name: 'Marie@ML65.fr' });
    expect(parseAuthor('Marie Martin <marie@ml65.fr>')).to.deep.equal({ email: 'marie@ml65.fr', name: 'Marie Martin' });
    expect(parseAuthor('Jean  Dupont')).to.deep.equal({ email: null, name: 'Jean Dupont' });
  });

  it('gives the same import key to the same row whatever its reference spacing or case, and another to another row', () => {
    const base = { consultationId: 1, reference: 'A-1', body: 'Un texte assez long', workshopId: 3, author: 'n:jean' };
    expect(importKey(base)).to.match(/^[0-9a-f]{64}$/);
    expect(importKey({ ...base, reference: ' a-1 ' })).to.equal(importKey(base));
    expect(importKey({ ...base, body: 'Un texte assez long.' })).not.to.equal(importKey(base));
    expect(importKey({ ...base, workshopId: null })).not.to.equal(importKey(base));
    expect(importKey({ ...base, consultationId: 2 })).not.to.equal(importKey(base));
    expect(importKey({ ...base, author: '' })).not.to.equal(importKey(base));
  });
});

describe('Reading import files as streams', () => {
  async function read(buf: Buffer) {
    const file = await openImportFile(bufferSource('f.csv', buf), 10);
    const rows = [];
    for await (const r of file.records) rows.push(r);
    return { file, rows };
  }

  it('gives each record the line where it starts, skipping blank lines and multi-line cells counted', async () => {
    const { file, rows } = await read(Buffer.from('texte;ref\r\n"a\r\nb";1\r\n\r\n;;\r\nc;2\n', 'utf8'));
    expect(file.delimiter).to.equal(';');
    expect(rows).to.deep.equal([
      { line: 2, cells: ['a\r\nb', '1'] },
      { line: 6, cells: ['c', '2'] },
    ]);
  });

  it('detects Windows-1252, UTF-8 with BOM, UTF-16 with BOM, and commas', async () => {
    expect((await read(iconv.encode('texte;ref\nÉté;1\n', 'win1252'))).rows[0]!.cells[0]).to.equal('Été');
    const bom = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('texte,ref\n"Été, hiver",1\n')]));
    expect(bom.file.headers).to.deep.equal(['texte', 'ref']);
    expect(bom.rows[0]!.cells).to.deep.equal(['Été, hiver', '1']);
    const utf16 = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('texte\tref\r\nÉté\t1\r\n', 'utf16le')]));
    expect(utf16.file.encoding).to.equal('utf-16le');
    expect(utf16.rows[0]!.cells).to.deep.equal(['Été', '1']);
  });

  it('reports an unclosed quote, too many rows and an empty file in French', async () => {
    const expectFileError = async (buf: Buffer, text: string) => {
      let message = '';
      try {
        await read(buf);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).to.contain(text);
    };
    await expectFileError(Buffer.from('texte\nok\n"pas fermé\nautre\n'), 'mal formé');
    await expectFileError(Buffer.from('texte\n' + 'ligne\n'.repeat(11)), 'dépasse 10 lignes');
    await expectFileError(Buffer.alloc(0), 'vide');
    await expectFileError(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0]), '.xls');
  });
});
