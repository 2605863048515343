import { and, eq, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { queryRows } from '../db';
import { idempotencyKeys } from './schema';

/** Stored responses are replayed for at least this long (the purge job deletes them afterwards). */
export const KEEP_MS = 24 * 3600_000;
/**
 * An in_progress row older than this belongs to a process that died mid-request: a retry may take it
 * over. A handler that really runs longer could then run twice, so keep handlers well under it.
 */
export const STALE_AFTER_MS = 60_000;

export interface KeyRef {
  scope: string;
  key: string;
}

/** A claimed key: its creation time doubles as the owner's token, so a taken-over owner cannot touch it. */
export interface ClaimedKey extends KeyRef {
  claimedAt: Date;
}

/** The stored outcome, wrapped so an `undefined` output (z.void()) replays as undefined, not null. */
export interface StoredResponse {
  data?: unknown;
}

export type Claim =
  | { kind: 'claimed'; claimed: ClaimedKey }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'reused' }
  | { kind: 'in_progress' };

/**
 * Claims (scope, key) for one execution. The insert commits on its own, before the handler runs, so a
 * concurrent duplicate sees it; ON CONFLICT DO NOTHING makes exactly one of N racing requests win.
 */
export async function claimKey(db: DbOrTx, ref: KeyRef, requestHash: string, now: Date): Promise<Claim> {
  const claimed = { kind: 'claimed', claimed: { ...ref, claimedAt: now } } as const;
  const fresh = {
    requestHash,
    state: 'in_progress',
    responseStatus: null,
    responseBody: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + KEEP_MS),
  };
  // A row can vanish between our insert and our read (purged, or released by a failing handler): retry.
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ ...ref, ...fresh })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length) return claimed;

    const [row] = await db.select().from(idempotencyKeys).where(match(ref)).limit(1);
    if (!row) continue;

    // Expired but not purged yet: the key is free again, whatever it was used for.
    if (row.expiresAt.getTime() <= now.getTime()) {
      if (await takeOver(db, ref, fresh, lte(idempotencyKeys.expiresAt, now))) return claimed;
      continue;
    }
    if (row.requestHash !== requestHash) return { kind: 'reused' };
    if (row.state === 'done') return { kind: 'replay', response: (row.responseBody ?? {}) as StoredResponse };

    const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
    if (row.createdAt.getTime() < staleBefore.getTime()) {
      // The WHERE is re-checked on the locked row, so of two racing take-overs only one matches.
      const stale = and(
        eq(idempotencyKeys.state, 'in_progress'),
        lt(idempotencyKeys.createdAt, staleBefore),
      )!;
      if (await takeOver(db, ref, fresh, stale)) return claimed;
    }
    return { kind: 'in_progress' };
  }
  return { kind: 'in_progress' };
}

async function takeOver(
  db: DbOrTx,
  ref: KeyRef,
  fresh: Record<string, unknown>,
  condition: SQL,
): Promise<boolean> {
  const updated = await db
    .update(idempotencyKeys)
    .set(fresh)
    .where(and(match(ref), condition))
    .returning({ key: idempotencyKeys.key });
  return updated.length > 0;
}

/** Stores the handler's output; replays of the key return it from now on. */
export async function completeKey(db: DbOrTx, claim: ClaimedKey, response: StoredResponse): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: 'done', responseStatus: 200, responseBody: response })
    .where(owned(claim));
}

/** Frees the key after a failed attempt, so the client can retry with the same key. */
export async function releaseKey(db: DbOrTx, claim: ClaimedKey): Promise<void> {
  await db.delete(idempotencyKeys).where(owned(claim));
}

const PURGE_BATCH = 5_000;

/**
 * Deletes keys past their expiry (the `idempotency.purge` job), in batches so a large backlog never
 * holds a long lock. Returns how many went; running it twice is harmless.
 */
export async function purgeExpiredIdempotencyKeys(db: DbOrTx, now: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from ${idempotencyKeys} where (scope, key) in (
              select scope, key from ${idempotencyKeys}
              where expires_at < ${now.toISOString()}::timestamptz limit ${PURGE_BATCH}
            )
            returning 1
          )
          select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    deleted += n;
    if (n < PURGE_BATCH) return deleted;
  }
}

function match(ref: KeyRef) {
  return and(eq(idempotencyKeys.scope, ref.scope), eq(idempotencyKeys.key, ref.key))!;
}

function owned(claim: ClaimedKey) {
  return and(
    match(claim),
    eq(idempotencyKeys.state, 'in_progress'),
    eq(idempotencyKeys.createdAt, claim.claimedAt),
  )!;
}
