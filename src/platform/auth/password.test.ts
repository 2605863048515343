import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, passwordGate, SCRYPT_PARAMS, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with the memory-hard parameters and a 64-byte key', async () => {
    const stored = await hashPassword('correct horse battery');
    const [alg, N, r, p, salt, key] = stored.split('$');
    expect(alg).toBe('scrypt');
    expect([Number(N), Number(r), Number(p)]).toEqual([2 ** 15, 8, 1]);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(64);
    expect(stored).not.toContain('correct horse');
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash: the same password never hashes the same twice', async () => {
    expect(await hashPassword('same password!')).not.toBe(await hashPassword('same password!'));
  });

  it('treats canonically equivalent unicode the same (NFKC), so a user typing é either way gets in', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!');
    expect(await verifyPassword('cafe\u0301 au lait!', stored)).toBe(true);
  });

  it('never matches a malformed or tampered stored hash', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', 'plaintext')).toBe(false);
    expect(
      await verifyPassword('correct horse battery', stored.replace('scrypt$32768', 'scrypt$99999')),
    ).toBe(false);
    expect(await verifyPassword('correct horse battery', `${stored.slice(0, -4)}AAAA`)).toBe(false);
  });

  it('old parameters still verify and are flagged for an upgrade on next sign-in', async () => {
    const old = await hashPassword('correct horse battery', { N: 2 ** 14, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('x'.repeat(12)))).toBe(false);
    expect(needsRehash(await hashPassword('x'.repeat(12)), { ...SCRYPT_PARAMS, N: 2 ** 16 })).toBe(true);
  });

  it('never runs more scrypt work at once than there are CPUs, however many ask at the same moment', async () => {
    passwordGate.resetPeak();
    const cheap = { N: 2 ** 10, r: 8, p: 1 };
    const hashes = await Promise.all(
      Array.from({ length: 24 }, (_, i) => hashPassword(`password-${i}`, cheap)),
    );
    await Promise.all(hashes.map((h, i) => verifyPassword(`password-${i}`, h)));
    expect(passwordGate.stats().peak).toBeGreaterThan(0);
    expect(passwordGate.stats().peak).toBeLessThanOrEqual(availableParallelism());
    expect(passwordGate.stats()).toMatchObject({ running: 0, queued: 0 });
  });
});
