import { sql } from 'drizzle-orm';
import { queryRows } from '../db';
import type { JobContext } from '../jobs';
import { emailMessages } from './schema';

const DAY_MS = 24 * 3600_000;
const BATCH = 5_000;

/**
 * The daily `email.prune` job: emails older than EMAIL_RETENTION_DAYS go, in short batches that each
 * commit on their own. A job that comes back for a deleted message finds nothing and skips.
 */
export async function pruneEmail(ctx: JobContext): Promise<{ deleted: number }> {
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.platform.config.EMAIL_RETENTION_DAYS * DAY_MS);
  let deleted = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      ctx.platform.db,
      sql`with gone as (
            delete from ${emailMessages} where id in (
              select id from ${emailMessages} where created_at < ${cutoff.toISOString()}::timestamptz limit ${BATCH}
            ) returning 1
          ) select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    deleted += n;
    if (n < BATCH) break;
  }
  if (deleted) ctx.log.info({ deleted }, 'pruned old emails');
  return { deleted };
}
