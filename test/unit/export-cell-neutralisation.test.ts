import { expect } from 'chai';
import { csvLine, neutraliseCell } from '../../src/shared/csv';

describe('Exported cells cannot carry a formula (CSV/XLSX injection)', () => {
  it('prefixes with an apostrophe every text that starts with =, +, -, @, a tab or a carriage return', () => {
    expect(neutraliseCell('=SUM(1)')).to.equal("'=SUM(1)");
    expect(neutraliseCell('+33 6 12 34 56 78')).to.equal("'+33 6 12 34 56 78");
    expect(neutraliseCell('-2+3')).to.equal("'-2+3");
    expect(neutraliseCell('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(neutraliseCell('\t=1+1')).to.equal("'\t=1+1");
    expect(neutraliseCell('\r=1+1')).to.equal("'\r=1+1");
    expect(neutraliseCell('=HYPERLINK("http://exemple.test","clic")')).to.equal('\'=HYPERLINK("http://exemple.test","clic")');
  });

  it('leaves ordinary text, text with a formula sign further in, numbers and empty cells alone', () => {
    expect(neutraliseCell('Élodie : 2 = 1 + 1')).to.equal('Élodie : 2 = 1 + 1');
    expect(neutraliseCell(' =pas en tête')).to.equal(' =pas en tête');
    expect(neutraliseCell('')).to.equal('');
    expect(neutraliseCell(-42)).to.equal(-42);
    expect(neutraliseCell(null)).to.equal(null);
  });

  it('writes a semicolon line with quoting and neutralisation', () => {
    expect(csvLine(['a;b', 'dit "oui"', '=1+1', 3, null, 'deux\nlignes'])).to.equal(`"a;b";"dit ""oui""";'=1+1;3;;"deux\nlignes"`);
  });
});
