import { describe, expect, it } from 'vitest';
import { assertPasswordRules, normalizeEmail } from './credentials';
import { newApiKey, newSessionToken, parseApiKey, sha256Hex } from './tokens';

describe('API key format', () => {
  it('reads lsn_<8 hex prefix>_<43-char secret> and parses back to its prefix', () => {
    const { key, prefix } = newApiKey();
    expect(key).toMatch(/^lsn_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`lsn_${prefix}_`)).toBe(true);
    expect(parseApiKey(key)).toEqual({ prefix });
  });

  it('refuses anything else', () => {
    const { key } = newApiKey();
    for (const bad of ['', 'lsn_', key.slice(0, -1), `${key}x`, key.replace('lsn_', 'sk_'), `Bearer ${key}`])
      expect(parseApiKey(bad)).toBeNull();
  });

  it('never repeats, and stores as a sha256 that differs from the key', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newApiKey().key));
    expect(keys.size).toBe(200);
    const [k] = keys;
    expect(sha256Hex(k!)).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256Hex(k!)).toBe(sha256Hex(k!));
  });
});

describe('session tokens', () => {
  it('carry 256 random bits', () => {
    const t = newSessionToken();
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(t);
  });
});

describe('credentials', () => {
  it('normalizes emails (trim, lower case) and refuses malformed ones naming the field', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    for (const bad of [
      'ada',
      'ada@',
      '@example.com',
      'ada@example',
      'a da@example.com',
      `${'a'.repeat(250)}@x.io`,
    ])
      expect(() => normalizeEmail(bad)).toThrow(/email/);
  });

  it('wants passwords of 12 to 200 characters (and hard to guess: password-strength.test.ts)', () => {
    expect(() => assertPasswordRules('12345678901')).toThrow(/at least 12/);
    expect(() => assertPasswordRules('x'.repeat(201))).toThrow(/at most 200/);
    expect(() => assertPasswordRules('tulip-orbit-cable')).not.toThrow();
    expect(() => assertPasswordRules(`tulip-orbit-cable-${'x'.repeat(182)}`)).not.toThrow();
  });
});
