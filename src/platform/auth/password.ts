import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { type ConcurrencyGate, createConcurrencyGate, type Lane } from '../concurrency-gate';

/**
 * Password hashing with scrypt (memory-hard, built into Node: no native add-on to build).
 * Stored as `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later: hashes made
 * with older parameters still verify, and `needsRehash` tells sign-in to store a fresh one.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

interface Params {
  N: number;
  r: number;
  p: number;
}

/**
 * Every scrypt run passes this gate: one per CPU at a time (each takes ~32 MiB and tens of ms of a
 * core), with a bounded queue, so a flood of sign-ups answers 503 quickly instead of piling up memory
 * and latency. Checks of an existing password (sign-in) wait in the urgent lane, ahead of new hashes
 * (sign-up, password changes), so a sign-up flood cannot starve sign-in.
 */
export const passwordGate: ConcurrencyGate = createConcurrencyGate({
  concurrency: availableParallelism(),
  maxQueue: 32 * availableParallelism(),
  what: 'password checks',
});

function derive(
  password: string,
  salt: Buffer,
  params: Params,
  keyLength: number,
  lane: Lane,
): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that for N=2^15, r=8, so raise it.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return passwordGate.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, keyLength, options, (err, key) =>
          err ? reject(err) : resolve(key),
        );
      }),
    lane,
  );
}

export async function hashPassword(password: string, params: Params = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES, 'normal');
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

interface Parsed extends Params {
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  // Refuse absurd costs from a corrupted row rather than pinning the CPU or exhausting memory.
  if (N > 2 ** 20 || r > 32 || p > 16 || (N & (N - 1)) !== 0) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** Constant-time comparison of the derived key; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length, 'urgent');
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with other parameters than today's: store a new one on next sign-in. */
export function needsRehash(stored: string, params: Params = SCRYPT_PARAMS): boolean {
  const parsed = parse(stored);
  return (
    !parsed ||
    parsed.N !== params.N ||
    parsed.r !== params.r ||
    parsed.p !== params.p ||
    parsed.key.length !== KEY_BYTES
  );
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same time as a real verification, for sign-ins to unknown accounts, so response time
 * does not reveal whether an email is registered.
 */
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-just-for-timing');
  await verifyPassword(password, await dummy);
}
