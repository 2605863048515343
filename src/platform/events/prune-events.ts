import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { queryRows } from '../db';
import { eventConsumptions, outbox } from './schema';

/** Rows per delete statement: each one is short, so it never holds locks for long. */
const PRUNE_BATCH = 5_000;

export interface PrunedEvents {
  outbox: number;
  consumptions: number;
}

/**
 * Deletes outbox rows dispatched before `cutoff` and consumption records processed before it, in
 * batches. Undispatched rows are never touched. The caller picks a cutoff old enough that no event
 * can still be redelivered (see the `events.prune` job); running it twice deletes nothing more.
 */
export async function pruneEvents(db: DbOrTx, cutoff: Date): Promise<PrunedEvents> {
  const before = cutoff.toISOString();
  const outboxRows = await deleteInBatches(
    db,
    sql`delete from ${outbox} where id in (
          select id from ${outbox}
          where dispatched_at is not null and dispatched_at < ${before}::timestamptz limit ${PRUNE_BATCH}
        )
        returning 1`,
  );
  const consumptions = await deleteInBatches(
    db,
    sql`delete from ${eventConsumptions} where (consumer, event_id) in (
          select consumer, event_id from ${eventConsumptions}
          where processed_at < ${before}::timestamptz limit ${PRUNE_BATCH}
        )
        returning 1`,
  );
  return { outbox: outboxRows, consumptions };
}

async function deleteInBatches(db: DbOrTx, deleteReturning: ReturnType<typeof sql>): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (${deleteReturning}) select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    deleted += n;
    if (n < PRUNE_BATCH) return deleted;
  }
}
