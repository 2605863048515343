import { bigint, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained per channel: hash = sha256(prev_hash || canonical_json(entry)).
 * A trigger (migration) rejects UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    channelId: uuid('channel_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind').notNull(),
    /** The API key that acted (actor kind api_key); hashed into the chain when set. */
    actorKeyId: uuid('actor_key_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    data: jsonb('data').notNull().default({}),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('audit_log_channel_seq_idx').on(t.channelId, t.seq)],
);
