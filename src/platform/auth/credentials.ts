import { badInput } from '../errors';
import { weakPasswordReason } from './password-strength';

/** NIST SP 800-63B asks for at least 8 with a blocklist; 12 plus the strength estimate leaves room for passphrases. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
export const EMAIL_MAX = 254;

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is what really proves an address.
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Emails are compared trimmed and lower-cased everywhere (the unique index is on lower(email)). */
export function normalizeEmail(raw: string, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email.length > EMAIL_MAX || !EMAIL_RE.test(email))
    throw badInput(field, 'is not a valid email address');
  return email;
}

/**
 * A new password (sign-up, change, set-password): 12 to 200 characters and not easy to guess, judged by
 * a strength estimator told about the person (their email and name) and the product.
 */
export function assertPasswordRules(
  password: string,
  field = 'password',
  about: { email?: string; displayName?: string } = {},
): void {
  if (password.length < PASSWORD_MIN) throw badInput(field, `Use at least ${PASSWORD_MIN} characters.`);
  if (password.length > PASSWORD_MAX) throw badInput(field, `Use at most ${PASSWORD_MAX} characters.`);
  const weak = weakPasswordReason(password, about);
  if (weak) throw badInput(field, weak);
}
