import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';

/** A channel is a tenant: a storefront with its own data, sharing the deployment. */
export const channels = pgTable('channels', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  defaultCurrency: text('default_currency').notNull().default('USD'),
  /** Host names that resolve to this channel (e.g. shop.example.com). */
  domains: text('domains').array().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Staff and creator roles a user holds in one channel. "customer" is implicit for every signed-in user. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.userId, t.role] }),
    index('role_assignments_user_idx').on(t.userId),
  ],
);
