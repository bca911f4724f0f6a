import { expect } from 'chai';
import { characterLength, forbiddenCharacter, normaliseFields } from '../../src/shared/text/boundary';
import { text } from '../../src/shared/validation';
import { MAX_ID, parseIdOrNull } from '../../src/shared/http/params';

describe('The text boundary', () => {
  it('refuses NUL and other control characters, but keeps tabs and line breaks', () => {
    expect(forbiddenCharacter('Titre\u0000')).to.equal('U+0000');
    expect(forbiddenCharacter('bip\u0007')).to.equal('U+0007');
    expect(forbiddenCharacter('mal décodé \u0092')).to.equal('U+0092');
    expect(forbiddenCharacter('orphelin \uD800 seul')).to.equal('U+D800');
    expect(forbiddenCharacter('ligne 1\r\nligne 2\tcolonne — « émoji 👍 »')).to.equal(null);
  });

  it('normalises form fields to NFC, except passwords and the CSRF token', () => {
    const body = { title: 'e\u0301te\u0301', tags: ['re\u0301gion'], password: 'e\u0301', _csrf: 'e\u0301', n: 3 };
    normaliseFields(body);
    expect(body).to.deep.equal({ title: 'été', tags: ['région'], password: 'e\u0301', _csrf: 'e\u0301', n: 3 });
  });

  it('counts characters as a person does (and as PostgreSQL does), not UTF-16 units', () => {
    expect(characterLength('👍👍')).to.equal(2);
    const title = text('Le titre', 2, 3);
    expect(title.safeParse('👍👍👍').success).to.equal(true);
    expect(title.safeParse('👍👍👍👍').success).to.equal(false);
    const refused = title.safeParse('a\u0000b');
    expect(refused.success).to.equal(false);
    expect(refused.error!.issues[0]!.message).to.contain('Le titre contient un caractère invisible non autorisé (U+0000)');
  });
});

describe('The id parser', () => {
  it('accepts only canonical positive decimal integers within the engines’ integer range', () => {
    expect(parseIdOrNull('16')).to.equal(16);
    expect(parseIdOrNull(String(MAX_ID))).to.equal(MAX_ID);
    for (const odd of ['0x10', '1e2', '016', '16.0', ' 16', '16 ', '+16', '-16', '0', '', String(MAX_ID + 1), '99999999999', undefined, 16, ['16']]) {
      expect(parseIdOrNull(odd), String(odd)).to.equal(null);
    }
  });
});
