import { hash, randomBytes } from 'node:crypto';

/** Hex sha256: how session tokens and API keys are stored (a leaked table holds no usable secret). */
export const sha256Hex = (value: string): string => hash('sha256', value, 'hex');

/** A 256-bit random token, base64url (43 characters), for session cookies. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

const API_KEY_RE = /^lsn_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/**
 * API keys read `lsn_<prefix8>_<secret>`: the `lsn_` tag lets secret scanners spot leaked keys, the
 * hex prefix tells keys apart in lists, the secret carries 256 random bits.
 */
export function newApiKey(): { key: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `lsn_${prefix}_${secret}`, prefix };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const m = API_KEY_RE.exec(key);
  return m ? { prefix: m[1]! } : null;
}
