import type { JobContext } from '../jobs';
import { type PrunedEvents, pruneEvents as pruneEventRows } from './prune-events';

const DAY_MS = 24 * 3600_000;

/**
 * The daily job: dispatched outbox rows and consumption records older than EVENTS_RETENTION_DAYS go.
 * The config refuses a retention shorter than the longest an `events.deliver` job can come back (see
 * EVENTS_RETENTION_DAYS), so a redelivered event still finds its record and is skipped.
 */
export async function pruneEventsJob(ctx: JobContext): Promise<PrunedEvents> {
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.platform.config.EVENTS_RETENTION_DAYS * DAY_MS);
  // Batched deletes, each committing on its own: a long purge never holds one huge transaction.
  const pruned = await pruneEventRows(ctx.platform.db, cutoff);
  if (pruned.outbox || pruned.consumptions)
    ctx.log.info(pruned, 'pruned old outbox rows and event consumptions');
  return pruned;
}
