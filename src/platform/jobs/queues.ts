import { deliverEvent } from '../events/deliver-event';
import { dispatchOutbox } from '../events/dispatch-outbox';
import type { QueueDefinition } from './index';
import { purgeIdempotencyKeys } from './purge-idempotency-keys';
import { verifyAudit } from './verify-audit';

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
    name: 'audit.verify',
    description: "Recomputes every channel's audit hash chain and reports the first broken link",
    handler: verifyAudit,
    retryLimit: 1,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 3_600,
  },
];
