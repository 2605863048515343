import { defineCron, defineModule, defineQueue } from '../kit';
import { deliverQueue } from './deliver-event';
import { dispatchOutbox } from './dispatch-outbox';
import { pruneEventsJob } from './prune-job';
import * as schema from './schema';

/** Domain events: the transactional outbox, its dispatcher and the consumers' delivery. */
export { type DeliverEventJob, deliverEvent, deliverQueue } from './deliver-event';
export { dispatchOutbox } from './dispatch-outbox';
export { type EmitOptions, emitEvent } from './emit-event';
export { type OutboxDispatcher, startOutboxDispatcher } from './outbox-dispatcher';
export { type PrunedEvents, pruneEvents } from './prune-events';
export { eventConsumptions, outbox } from './schema';
export { consumes, type DomainEvent, type EventConsumer, type EventContext, topicOf } from './types';

const DAY = 24 * 3600;

const dispatchQueue = defineQueue({
  name: 'outbox.dispatch',
  description: 'Sweeps the outbox for events no dispatcher has sent yet',
  handler: async (ctx) => ({ dispatched: await dispatchOutbox(ctx.platform) }),
  retryLimit: 2,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 120,
  // Cron makes one of these a minute; a day of history is plenty and keeps ~1,400 rows, not ~10,000.
  deleteAfterSeconds: DAY,
});

const pruneQueue = defineQueue({
  name: 'events.prune',
  description:
    'Deletes dispatched outbox rows and event consumption records older than EVENTS_RETENTION_DAYS',
  handler: pruneEventsJob,
  retryLimit: 3,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: 3_600,
});

export const eventsModule = defineModule({
  name: 'events',
  description: 'The transactional outbox: events written with the change that caused them, delivered once.',
  schema,
  globalTables: {
    event_consumptions:
      "Dedupe records keyed by consumer and event id; the event's own row in the outbox holds its channel.",
  },
  queues: [deliverQueue, dispatchQueue, pruneQueue],
  cron: [
    defineCron({
      queue: dispatchQueue.name,
      cron: '* * * * *',
      description: 'Every minute: backstop sweep of the outbox (each worker also sweeps every second)',
    }),
    defineCron({
      queue: pruneQueue.name,
      cron: '37 3 * * *',
      description: 'Daily at 03:37: delete old dispatched outbox rows and event consumption records',
    }),
  ],
});
