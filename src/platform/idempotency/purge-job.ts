import type { JobContext } from '../jobs';
import { purgeExpiredIdempotencyKeys } from './key-store';

/** The hourly job: stored idempotency responses past their expiry go (running it twice is harmless). */
export async function purgeIdempotencyKeys(ctx: JobContext): Promise<{ deleted: number }> {
  // Batched deletes, each committing on its own.
  const deleted = await purgeExpiredIdempotencyKeys(ctx.platform.db, ctx.clock.now());
  if (deleted) ctx.log.info({ deleted }, 'purged expired idempotency keys');
  return { deleted };
}
