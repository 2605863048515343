import { createHash } from 'node:crypto';
import { type MiddlewareResult, middlewareMarker } from '@trpc/server/unstable-core-do-not-import';
import { canonicalJson } from '../canonical-json';
import type { Actor } from '../context';
import { AppError } from '../errors';
import type { RequestContext } from '../http';
import { claimKey, completeKey, releaseKey } from './key-store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Printable ASCII, 1–255 characters: what a UUID, a ULID or any client's own scheme fits in. */
const KEY_RE = /^[\x20-\x7E]{1,255}$/;

/** What the middleware needs from tRPC's middleware options (a structural subset, so tests can call it). */
export interface IdempotencyCall<R> {
  ctx: RequestContext;
  path: string;
  getRawInput(): Promise<unknown>;
  next(): Promise<R>;
}

/** The header's key, undefined when absent; a 400 naming the header when malformed. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_RE.test(raw)) {
    throw new AppError(
      'BAD_REQUEST',
      'Idempotency-Key must be a single value of 1 to 255 printable ASCII characters',
      { field: 'Idempotency-Key' },
    );
  }
  return raw;
}

/** Who the key belongs to: keys never collide across callers, channels or procedures. */
export function idempotencyScope(
  ctx: Pick<RequestContext, 'channelId' | 'actor' | 'req'>,
  path: string,
): string {
  return `${ctx.channelId}|${principalOf(ctx.actor, ctx.req?.ip)}|${path}`;
}

function principalOf(actor: Actor, ip: string | undefined): string {
  if (actor.kind === 'api_key' && actor.apiKeyId) return `api_key:${actor.apiKeyId}`;
  if (actor.userId) return `user:${actor.userId}`;
  if (actor.kind === 'system') return 'system';
  return `anonymous:${ip ?? 'unknown'}`;
}

export function requestHashOf(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/**
 * Runs a mutation at most once per Idempotency-Key (ARCHITECTURE.md §3). Without the header the call runs
 * normally. First call: claim the key (committed before the handler runs), run, store the output for 24 h.
 * Replay with the same body: the stored output with `Idempotent-Replayed: true`, handler not run.
 * Same key, different body: 422. Duplicate while the first still runs: 409.
 *
 * Errors are not stored: the key is released and a retry runs the handler again. A failed mutation has
 * rolled its transaction back, so nothing happened that a retry could repeat, and many failures are
 * transient or depend on state that changes (stock, permissions, a provider outage).
 */
export async function withIdempotencyKey<R extends MiddlewareResult<object>>(
  call: IdempotencyCall<R>,
): Promise<R> {
  const { ctx } = call;
  // Server-side callers (createCaller, SSR) may have no HTTP request: no header, no idempotency.
  const key = idempotencyKeyOf(ctx.req?.headers ?? {});
  if (key === undefined) return call.next();

  const db = ctx.platform.db; // never the caller's transaction: the claim must commit on its own
  const ref = { scope: idempotencyScope(ctx, call.path), key };
  const claim = await claimKey(db, ref, requestHashOf(await call.getRawInput()), ctx.clock.now());
  switch (claim.kind) {
    case 'reused':
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body; use a new key for a new request',
        { field: 'Idempotency-Key' },
      );
    case 'in_progress':
      throw new AppError(
        'IDEMPOTENCY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed; retry shortly to get its result',
        { field: 'Idempotency-Key' },
      );
    case 'replay':
      ctx.res.header(REPLAYED_HEADER, 'true');
      return { ok: true, data: claim.response.data, marker: middlewareMarker } as unknown as R;
    case 'claimed':
      break;
  }

  let result: R;
  try {
    result = await call.next();
  } catch (err) {
    await releaseKey(db, claim.claimed).catch(() => {});
    throw err;
  }
  try {
    if (result.ok) {
      // Stored as the client received it: JSON, so dates and the like replay exactly as first sent.
      const data = (result as { data?: unknown }).data;
      await completeKey(
        db,
        claim.claimed,
        data === undefined ? {} : { data: JSON.parse(JSON.stringify(data)) },
      );
    } else {
      await releaseKey(db, claim.claimed);
    }
  } catch (err) {
    // The mutation itself succeeded (or failed) and the client gets its answer; only the bookkeeping is
    // lost. The key stays in_progress until it goes stale, and a retry after that runs the handler again.
    ctx.log.error({ err, path: call.path }, 'could not record the idempotent outcome');
  }
  return result;
}
