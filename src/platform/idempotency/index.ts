import { defineCron, defineModule, defineQueue } from '../kit';
import { purgeIdempotencyKeys } from './purge-job';
import * as schema from './schema';

/** Idempotency-Key for every mutation: claim, replay, purge. */
export { KEEP_MS, purgeExpiredIdempotencyKeys, STALE_AFTER_MS } from './key-store';
export {
  IDEMPOTENCY_HEADER,
  idempotencyKeyOf,
  idempotencyScope,
  REPLAYED_HEADER,
  requestHashOf,
  withIdempotencyKey,
} from './middleware';
export { idempotencyKeys } from './schema';

const purgeQueue = defineQueue({
  name: 'idempotency.purge',
  description: 'Deletes stored idempotent responses past their expiry',
  handler: purgeIdempotencyKeys,
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 600,
});

export const idempotencyModule = defineModule({
  name: 'idempotency',
  description: 'Stored answers for Idempotency-Key, so a retried mutation never runs twice.',
  schema,
  globalTables: {
    idempotency_keys:
      'Keyed by a scope that already holds the channel, the caller and the procedure; never read by channel.',
  },
  queues: [purgeQueue],
  cron: [
    defineCron({
      queue: purgeQueue.name,
      cron: '7 * * * *',
      description: 'Hourly: purge expired idempotency keys',
    }),
  ],
});
