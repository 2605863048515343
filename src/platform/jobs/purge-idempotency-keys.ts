import { purgeExpiredIdempotencyKeys } from '../idempotency';
import type { JobContext } from './index';

/** The hourly job: stored idempotency responses past their expiry go (running it twice is harmless). */
export async function purgeIdempotencyKeys(ctx: JobContext): Promise<{ deleted: number }> {
  const deleted = await purgeExpiredIdempotencyKeys(ctx.db, ctx.clock.now());
  if (deleted) ctx.log.info({ deleted }, 'purged expired idempotency keys');
  return { deleted };
}
