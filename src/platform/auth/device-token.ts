import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

/**
 * "Known device" tokens (OWASP's device cookie against brute force): a successful sign-in leaves a
 * signed, per-account token in the browser; a later password attempt for that account that carries it
 * is judged by that device's own small failure budget instead of the account's and the address's, so
 * the owner still gets in while someone elsewhere (or behind the same address) is guessing.
 *
 * `<userId>.<nonce>.<mac>`: the nonce names the device in the throttle, the HMAC (key derived from
 * SESSION_SECRET) makes the token unforgeable. Nothing is stored: a token is valid for its account
 * until it expires from the browser, and a device that fails too often is slowed like any other caller.
 */
export const DEVICE_COOKIE = 'lsn_device';
const MAX_AGE_SECONDS = 180 * 86_400;
const TOKEN_RE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** Keys the tokens when SESSION_SECRET is unset (development): they last as long as the process. */
const processSecret = randomBytes(32);
const keys = new WeakMap<Config, Buffer>();

function keyOf(config: Config): Buffer {
  let key = keys.get(config);
  if (!key) {
    // Derived, so a token's MAC can never be mistaken for any other use of the secret.
    key = createHmac('sha256', config.SESSION_SECRET ?? processSecret)
      .update('lsn device token v1')
      .digest();
    keys.set(config, key);
  }
  return key;
}

const macOf = (config: Config, userId: string, nonce: string) =>
  createHmac('sha256', keyOf(config)).update(`${userId}.${nonce}`).digest();

export function newDeviceToken(config: Config, userId: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${userId}.${nonce}.${macOf(config, userId, nonce).toString('base64url')}`;
}

/** The device's id when the token is genuine and was issued to this account; null otherwise. */
export function knownDevice(config: Config, token: string | undefined, userId: string): string | null {
  if (!token) return null;
  const m = TOKEN_RE.exec(token);
  if (!m || m[1] !== userId) return null;
  const given = Buffer.from(m[3]!, 'base64url');
  const expected = macOf(config, userId, m[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? m[2]! : null;
}

export const deviceTokenOf = (req: Pick<FastifyRequest, 'cookies'>): string | undefined =>
  req.cookies?.[DEVICE_COOKIE];

/** HttpOnly and SameSite=Strict: only our own pages' sign-in calls need it. */
export function setDeviceCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.PUBLIC_URL.startsWith('https://'),
    maxAge: MAX_AGE_SECONDS,
  });
}
