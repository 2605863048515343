import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import type { Platform } from '../platform';
import { publishRealtime } from '../realtime';
import { deliverQueue } from './deliver-event';
import { outbox } from './schema';
import { consumes, type DomainEvent, topicOf } from './types';

/** Rows whose dispatch failed this many times are left for an operator (last_error says why). */
export const MAX_DISPATCH_ATTEMPTS = 25;
export const DISPATCH_BATCH = 100;

type OutboxRow = typeof outbox.$inferSelect;

const toEvent = (row: OutboxRow): DomainEvent => ({
  id: row.id,
  channelId: row.channelId,
  type: row.type,
  topic: row.topic,
  payload: row.payload as Record<string, unknown>,
  occurredAt: row.occurredAt.toISOString(),
});

/**
 * Hands undispatched outbox rows, oldest first, to the consumers (one `events.deliver` job per consumer
 * per event, enqueued in the same transaction that marks the rows dispatched) and to the realtime bus.
 * SKIP LOCKED lets several workers drain the outbox together. Returns how many events went out.
 */
export async function dispatchOutbox(platform: Platform, opts: { batchSize?: number } = {}): Promise<number> {
  const batchSize = opts.batchSize ?? DISPATCH_BATCH;
  let total = 0;
  for (;;) {
    let rows: OutboxRow[];
    try {
      rows = await platform.db.transaction((tx) => dispatchBatch(platform, tx as unknown as Tx, batchSize));
    } catch (err) {
      // One bad row must not hold up the rest: go one event at a time and mark the one that fails.
      platform.log.warn({ err }, 'outbox batch failed; dispatching one event at a time');
      return total + (await dispatchOneByOne(platform, batchSize));
    }
    countDispatched(platform, rows);
    if (rows.length) platform.jobs.wake(deliverQueue.name);
    total += rows.length;
    if (rows.length < batchSize) return total;
  }
}

async function lockPending(tx: Tx, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(and(isNull(outbox.dispatchedAt), lt(outbox.attempts, MAX_DISPATCH_ATTEMPTS)))
    .orderBy(asc(outbox.occurredAt), asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

async function dispatchBatch(platform: Platform, tx: Tx, limit: number): Promise<OutboxRow[]> {
  const rows = await lockPending(tx, limit);
  if (rows.length === 0) return rows;
  await handOut(platform, tx, rows.map(toEvent));
  await markDispatched(platform, tx, rows);
  return rows;
}

async function markDispatched(platform: Platform, tx: Tx, rows: OutboxRow[]): Promise<void> {
  await tx
    .update(outbox)
    .set({ dispatchedAt: platform.clock.now(), attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(
      inArray(
        outbox.id,
        rows.map((r) => r.id),
      ),
    );
}

function countDispatched(platform: Platform, rows: OutboxRow[]): void {
  for (const row of rows) platform.metrics.eventsDispatched.inc({ type: row.type });
}

async function handOut(platform: Platform, tx: Tx, events: DomainEvent[]): Promise<void> {
  const { consumers } = platform.registry;
  const jobs = events.flatMap((event) =>
    consumers
      .filter((c) => consumes(c, event.type))
      .map((c) => ({ data: { consumer: c.name, event }, singletonKey: `${c.name}:${event.id}` })),
  );
  if (jobs.length) await platform.jobs.insert(deliverQueue, jobs, { tx });
  // Published before the commit that marks the rows: a crash in between publishes again (clients dedupe
  // on the event id) rather than never. The bus is best effort; a failed publish does not hold back jobs.
  for (const event of events) {
    const topic = topicOf(event);
    try {
      // A topic clients may subscribe to goes through the gateway's channel-scoped, coalescing path;
      // anything else (`events.<type>`) is for server-side listeners on the bus, on every node.
      if (platform.registry.topicOf(topic)) {
        publishRealtime(platform, topic, { messages: [event] }, event.channelId);
      } else {
        await platform.bus.publish({ topic, data: event });
      }
    } catch (err) {
      platform.log.warn({ err, eventId: event.id, topic }, 'realtime publish of a domain event failed');
    }
  }
}

async function dispatchOneByOne(platform: Platform, limit: number): Promise<number> {
  const candidates = await platform.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.dispatchedAt), lt(outbox.attempts, MAX_DISPATCH_ATTEMPTS)))
    .orderBy(asc(outbox.occurredAt), asc(outbox.id))
    .limit(limit);
  let done = 0;
  for (const { id } of candidates) {
    let error: unknown;
    const sent = await platform.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Tx;
      const [row] = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.id, id), isNull(outbox.dispatchedAt)))
        .for('update', { skipLocked: true });
      if (!row) return null; // dispatched meanwhile, or another worker holds it
      try {
        // A savepoint, so the failure's partial writes go and the attempt count below stays.
        await tx.transaction(async (sp) => handOut(platform, sp as unknown as Tx, [toEvent(row)]));
        await markDispatched(platform, tx, [row]);
        return row;
      } catch (err) {
        error = err;
        await tx
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1`, lastError: String((err as Error)?.message ?? err) })
          .where(eq(outbox.id, row.id));
        return null;
      }
    });
    if (sent) {
      countDispatched(platform, [sent]);
      platform.jobs.wake(deliverQueue.name);
      done++;
    }
    if (error) platform.log.error({ err: error, eventId: id }, 'outbox event could not be dispatched');
  }
  return done;
}
