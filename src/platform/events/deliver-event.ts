import { inTransaction } from '../context';
import type { JobContext } from '../jobs';
import { defineQueue } from '../kit';
import { eventConsumptions } from './schema';
import type { DomainEvent } from './types';

export interface DeliverEventJob {
  consumer: string;
  event: DomainEvent;
}

/**
 * The `events.deliver` handler: runs one consumer on one event. The consumption record and the
 * consumer's work commit together; when the record already exists (a redelivery, a retried job that
 * had in fact committed, a second dispatcher) the job does nothing. On PostgreSQL a concurrent duplicate
 * waits on the first one's uncommitted row and then skips.
 */
export async function deliverEvent(ctx: JobContext, data: DeliverEventJob): Promise<{ delivered: boolean }> {
  const consumer = ctx.platform.registry.consumers.find((c) => c.name === data.consumer);
  if (!consumer) throw new Error(`No event consumer named "${data.consumer}" is registered`);
  const { event } = data;
  return inTransaction({ ...ctx, channelId: event.channelId }, async (tx) => {
    const recorded = await tx.db
      .insert(eventConsumptions)
      .values({ consumer: consumer.name, eventId: event.id, processedAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ eventId: eventConsumptions.eventId });
    if (recorded.length === 0) return { delivered: false };
    await consumer.handle({ ...tx, platform: ctx.platform, log: ctx.log }, event);
    return { delivered: true };
  });
}

const DAY = 24 * 3600;

export const deliverQueue = defineQueue<DeliverEventJob>({
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
});
