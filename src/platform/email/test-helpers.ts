import { sql } from 'drizzle-orm';
import { inTransaction, systemActor, type TxCtx } from '../context';
import { queryRows } from '../db';
import type { JobContext } from '../jobs';
import type { Platform } from '../platform';

/** A system context in a channel, as a flow would have it. */
export const flowCtx = (platform: Platform, channelId = platform.defaultChannelId) => ({
  platform,
  db: platform.db,
  actor: systemActor(),
  channelId,
  requestId: 'test',
  clock: platform.clock,
});

/** Runs fn in a committed transaction of the channel (a business change that sends email). */
export const inFlow = <T>(
  platform: Platform,
  fn: (tx: TxCtx & { platform: Platform }) => Promise<T>,
  channelId?: string,
): Promise<T> => inTransaction(flowCtx(platform, channelId), fn);

/** What the `email.send` handler gets from the job system, for calling it the way a redelivery would. */
export const jobCtx = (platform: Platform): JobContext => ({
  ...flowCtx(platform),
  log: platform.log,
  job: { id: 'test', queue: 'email.send', retryCount: 0 },
});

/** The `email.send` jobs enqueued for a message, with their state. */
export const jobsFor = (platform: Platform, messageId: string) =>
  queryRows<{ id: string; state: string; retry_count: number; start_after: Date }>(
    platform.db,
    sql`select id, state::text as state, retry_count, start_after from pgboss.job
        where name = 'email.send' and data->>'messageId' = ${messageId}`,
  );
