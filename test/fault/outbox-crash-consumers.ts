import { sql } from 'drizzle-orm';
import type { EventConsumer } from '../../src/platform/events';

/** Two consumers whose work is a row per delivery, so the test can count what each one received. */
export const crashConsumers: EventConsumer[] = ['crash.mailer', 'crash.ledger'].map((name) => ({
  name,
  eventTypes: ['order.placed'],
  handle: async (ctx, event) => {
    await ctx.db.execute(
      sql`insert into crash_deliveries (consumer, event_id) values (${name}, ${event.id})`,
    );
  },
}));

export const crashTablesSql = sql`
  create table crash_orders (id text primary key);
  create table crash_deliveries (consumer text not null, event_id uuid not null, at timestamptz not null default now());
`;
