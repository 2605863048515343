import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json';
import { badInput } from '../../platform/errors';

/**
 * Opaque keyset cursors for the storefront listing: the last row's sort keys, bound to the query they came
 * from (sort, search and filters) and the channel, signed with an HMAC. A cursor that was edited, cut, made
 * for another query or another channel is a 400 naming `cursor`, never a query on made-up keys.
 */
export type CursorKeys = ReadonlyArray<string | number | null>;

/** Signs cursors when SESSION_SECRET is unset (development): they last as long as the process. */
const processSecret = randomBytes(32);
const MAC_BYTES = 16;

export const cursorKey = (secret: string | undefined): Buffer =>
  createHmac('sha256', secret ?? processSecret)
    .update('catalog.cursor.v1')
    .digest();

/** What a cursor is bound to: the channel and everything that decides the order and the set. */
export const queryFingerprint = (channelId: string, query: Record<string, unknown>): string =>
  createHash('sha256')
    .update(canonicalJson({ channelId: channelId.toLowerCase(), ...query }))
    .digest('base64url')
    .slice(0, 16);

const mac = (key: Buffer, body: string) =>
  createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);

export function encodeCursor(key: Buffer, fingerprint: string, keys: CursorKeys): string {
  const body = Buffer.from(JSON.stringify({ f: fingerprint, k: keys })).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

const invalid = () =>
  badInput('cursor', 'Use the nextCursor of a previous page: this cursor is not one we made');

export function decodeCursor(key: Buffer, fingerprint: string, cursor: string, size: number): CursorKeys {
  const [body, signature, ...rest] = cursor.split('.');
  if (!body || !signature || rest.length) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(key, body))) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { f, k } = (payload ?? {}) as { f?: unknown; k?: unknown };
  if (f !== fingerprint)
    throw badInput(
      'cursor',
      'Start again from the first page: this cursor belongs to another search or sort',
    );
  if (
    !Array.isArray(k) ||
    k.length !== size ||
    !k.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
  )
    throw invalid();
  return k;
}
