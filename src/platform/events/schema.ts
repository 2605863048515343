import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Transactional outbox: written in the business transaction, dispatched after commit. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    channelId: uuid('channel_id').notNull(),
    type: text('type').notNull(),
    /** Realtime topic the event goes out on; null means `events.<type>`. */
    topic: text('topic'),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_pending_idx').on(t.occurredAt).where(sql`dispatched_at is null`),
    // The daily prune finds old dispatched rows through this, batch by batch, without scanning the table.
    index('outbox_dispatched_idx').on(t.dispatchedAt).where(sql`dispatched_at is not null`),
  ],
);

/** Consumers record each event id they handled, so a redelivery is a no-op. */
export const eventConsumptions = pgTable(
  'event_consumptions',
  {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.consumer, t.eventId] }),
    // For the daily prune of old records.
    index('event_consumptions_processed_idx').on(t.processedAt),
  ],
);
