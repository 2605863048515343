import { deliverEvent } from '../events/deliver-event';
import { dispatchOutbox } from '../events/dispatch-outbox';
import type { QueueDefinition } from './index';
import { pruneEvents } from './prune-events';
import { purgeIdempotencyKeys } from './purge-idempotency-keys';
import { verifyAudit } from './verify-audit';

const DAY = 24 * 3600;

/**
 * Every queue in the product, in one place. A module adds its queues here (its handlers live in its own
 * `jobs.ts`). Each queue gets a dead-letter queue `<name>.dead` unless it names another; retries back
 * off exponentially (retryDelay, then about double each time, with jitter).
 */
export const queues: QueueDefinition[] = [
  {
    name: 'events.deliver',
    description: 'Runs one event consumer on one domain event (fan-out from the outbox)',
    handler: deliverEvent,
    // `short`: a second dispatch of the same (consumer, event) while one is queued is absorbed.
    policy: 'short',
    priority: 10,
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 300,
    // pg-boss's default, stated because EVENTS_RETENTION_DAYS' minimum is reckoned from it.
    retentionSeconds: 14 * DAY,
    concurrency: 4,
  },
  {
    name: 'outbox.dispatch',
    description: 'Sweeps the outbox for events no dispatcher has sent yet',
    handler: async (ctx) => ({ dispatched: await dispatchOutbox(ctx.platform) }),
    retryLimit: 2,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 120,
    // Cron makes one of these a minute; a day of history is plenty and keeps ~1,400 rows, not ~10,000.
    deleteAfterSeconds: DAY,
  },
  {
    name: 'idempotency.purge',
    description: 'Deletes stored idempotent responses past their expiry',
    handler: purgeIdempotencyKeys,
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 600,
  },
  {
    name: 'events.prune',
    description:
      'Deletes dispatched outbox rows and event consumption records older than EVENTS_RETENTION_DAYS',
    handler: pruneEvents,
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 3_600,
  },
  {
    name: 'audit.verify',
    description: "Recomputes every channel's audit hash chain and reports the first broken link",
    handler: verifyAudit,
    retryLimit: 1,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 3_600,
  },
];
