import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH, needsRehash, verifyPassword } from './password-hash.js';

describe('password hashing', () => {
  it('stores scrypt parameters and a per-password salt, and verifies', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('verifies hashes made with other parameters and asks to re-hash weaker ones', async () => {
    const weak = await hashPassword('correct horse battery', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
  });

  it('generates random passwords that satisfy the policy', () => {
    const generated = generatePassword();
    expect(generated.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    expect(generated).not.toBe(generatePassword());
  });
});
