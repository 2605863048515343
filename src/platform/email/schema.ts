import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { channels } from '../access/schema';

/**
 * Every email the product sends, written in the business transaction that caused it (so it exists only if
 * that change commits) and delivered by the `email.send` job. With no SMTP server configured this table is
 * the mail catcher; with one, it is the record of what was sent and what the provider answered. The id is
 * the dedupe key: a job that runs twice finds the message already `sent` and sends nothing.
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    /** UUIDv7: newest first is id order, and it is the Message-ID's local part. */
    id: uuid('id').primaryKey(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    /** The template it was rendered from (`reset-password`). */
    template: text('template').notNull(),
    toAddress: text('to_address').notNull(),
    /** As sent: `"Channel name" <no-reply@host>`. */
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    /** Null once removed: a one-time link is not kept after a real provider accepted the message. */
    html: text('html'),
    text: text('text'),
    /** The message carries a credential (a one-time link). */
    secret: boolean('secret').notNull().default(false),
    /** queued → sending → sent, or failed (retried by the job while it has retries left). */
    status: text('status').notNull().default('queued'),
    /** Which adapter delivered it: `catcher` or `smtp`. */
    transport: text('transport'),
    /** The provider's id for the message (`queued as …`), else the Message-ID we gave it. */
    providerMessageId: text('provider_message_id'),
    /** The provider's last answer, e.g. `250 2.0.0 Ok: queued as 4Xk…`. */
    providerResponse: text('provider_response'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** While `sending`: no other attempt may take the message over before this instant. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    bodyRemovedAt: timestamp('body_removed_at', { withTimezone: true }),
  },
  (t) => [
    index('email_messages_channel_id_idx').on(t.channelId, t.id),
    index('email_messages_created_at_idx').on(t.createdAt),
    check('email_messages_status_check', sql`${t.status} in ('queued', 'sending', 'sent', 'failed')`),
  ],
);

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed';
