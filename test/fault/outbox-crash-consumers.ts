import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineConsumer, defineEvent, defineModule } from '../../src/platform/kit';

export const crashOrderPlaced = defineEvent(
  'order.placed',
  z.object({ orderId: z.string() }),
  'A test order was placed',
);

/** Two consumers whose work is a row per delivery, so the test can count what each one received. */
const crashConsumers = ['crash.mailer', 'crash.ledger'].map((name) =>
  defineConsumer({
    name,
    events: [crashOrderPlaced],
    handle: async (ctx, event) => {
      await ctx.db.execute(
        sql`insert into crash_deliveries (consumer, event_id) values (${name}, ${event.id})`,
      );
    },
  }),
);

export const crashModule = defineModule({
  name: 'test-crash',
  description: 'The outbox crash test: one event type and two consumers',
  events: [crashOrderPlaced],
  consumers: crashConsumers,
});

export const crashTablesSql = sql`
  create table crash_orders (id text primary key);
  create table crash_deliveries (consumer text not null, event_id uuid not null, at timestamptz not null default now());
`;
