import { badInput } from '../errors';

export const PASSWORD_MIN = 10;
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

export function assertPasswordRules(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN) throw badInput(field, `must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) throw badInput(field, `must be at most ${PASSWORD_MAX} characters`);
}
