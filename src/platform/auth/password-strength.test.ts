import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { assertPasswordRules, PASSWORD_MIN } from './credentials';

/** The sentence a refusal shows, or null when the password is accepted. */
function refusal(password: string, about: { email?: string; displayName?: string } = {}) {
  try {
    assertPasswordRules(password, 'password', about);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).field).toBe('password');
    return (err as AppError).message.replace(/^password: /, '');
  }
}

const ada = { email: 'ada.lovelace@example.test', displayName: 'Ada Lovelace' };

describe('new passwords', () => {
  it(`need at least ${PASSWORD_MIN} characters`, () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(refusal('1234567890')).toBe('Use at least 12 characters.');
  });

  it('refuses common passwords with a sentence that says what to do', () => {
    expect(refusal('123456789012')).toBe(
      'This password is too easy to guess: it is a common password. Add another word or two.',
    );
    expect(refusal('Password1234!')).toBe(
      'This password is too easy to guess: it is close to a common password. Add another word or two.',
    );
    expect(refusal('aaaaaaaaaaaaaaaa')).toMatch(/: it repeats the same character\. /);
  });

  it("refuses the account's own email and name, and the product's name", () => {
    expect(refusal('ada.lovelace@example.test', ada)).toMatch(/it contains your email address, your name/);
    expect(refusal('adalovelace1815', ada)).toMatch(/^This password is too easy to guess/);
    expect(refusal('adalovelace1815')).toBeNull(); // strong enough for someone else
    expect(refusal('liveshopping2025')).toMatch(/^This password is too easy to guess/);
  });

  it('accepts passphrases, the demo accounts’ passwords and random strings', () => {
    expect(refusal('correct-horse-battery-staple', ada)).toBeNull();
    for (const role of ['admin', 'support', 'trust_safety', 'finance', 'ops', 'creator', 'customer'])
      expect(
        refusal(`demo-${role}-password`, { email: `${role}@lsn.local`, displayName: `Demo ${role}` }),
      ).toBeNull();
    expect(refusal('pW3x9-Lq2T_vN8aZ')).toBeNull();
  });

  it('stays fast on long crafted input', () => {
    const started = performance.now();
    refusal('p@55w0rd'.repeat(25));
    refusal('|!1'.repeat(66));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
