import { expect } from 'chai';
import { generatePassword, hashPassword, verifyPassword } from '../../src/modules/auth/password';

describe('Password hashing', () => {
  it('verifies the right password only, with a per-hash salt', async () => {
    const a = await hashPassword('une phrase de passe');
    const b = await hashPassword('une phrase de passe');
    expect(a).to.match(/^scrypt\$32768\$8\$1\$/);
    expect(a).to.not.equal(b);
    expect(await verifyPassword('une phrase de passe', a)).to.equal(true);
    expect(await verifyPassword('une phrase de passe ', a)).to.equal(false);
    expect(await verifyPassword('x', null)).to.equal(false);
    expect(await verifyPassword('x', 'texte-en-clair')).to.equal(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const h = await hashPassword('été'.normalize('NFC'));
    expect(await verifyPassword('été'.normalize('NFD'), h)).to.equal(true);
  });

  it('generates long, varied passwords', () => {
    const p = generatePassword();
    expect(p).to.match(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(generatePassword()).to.not.equal(p);
  });
});
