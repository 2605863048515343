import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client';
import type { JobContext } from './index';

const BATCH = 5_000;

/**
 * Deletes stored idempotency responses past their expiry, in batches so a large backlog never holds a
 * long lock. Running it twice is harmless: the second run finds nothing to delete.
 */
export async function purgeIdempotencyKeys(ctx: JobContext): Promise<{ deleted: number }> {
  const now = ctx.clock.now();
  let deleted = 0;
  for (;;) {
    const rows = await queryRows<{ n: number }>(
      ctx.db,
      sql`with gone as (
            delete from idempotency_keys
            where (scope, key) in (
              select scope, key from idempotency_keys where expires_at < ${now.toISOString()}::timestamptz limit ${BATCH}
            )
            returning 1
          )
          select count(*)::int as n from gone`,
    );
    const n = Number(rows[0]?.n ?? 0);
    deleted += n;
    if (n < BATCH) break;
  }
  if (deleted) ctx.log.info({ deleted }, 'purged expired idempotency keys');
  return { deleted };
}
