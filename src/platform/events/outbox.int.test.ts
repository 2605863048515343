import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { waitFor } from '../../../test/helpers/wait-for';
import { inTransaction, systemActor } from '../context';
import { queryRows } from '../db';
import { defineConsumer, defineEvent, defineModule } from '../kit';
import { type BusMessage, userTopic } from '../realtime';
import { deliverQueue } from './deliver-event';
import { emitEvent } from './emit-event';
import { eventConsumptions, outbox } from './schema';
import type { DomainEvent } from './types';

const ZOrder = z.object({ orderId: z.string(), total: z.number().int().optional() });
const orderPlaced = defineEvent('order.placed', ZOrder, 'A test order was placed');
const orderShipped = defineEvent('order.shipped', ZOrder, 'A test order was shipped');
const orderRefunded = defineEvent('order.refunded', ZOrder, 'A test order was refunded');

for (const db of ['pglite', 'postgres'] as const) {
  describe(`outbox on ${db}`, () => {
    let app: TestApp;
    const seen: Record<string, DomainEvent[]> = { 'test.mailer': [], 'test.ledger': [] };
    const published: BusMessage[] = [];
    let ledgerFailsOnce = false;

    const mailer = defineConsumer({
      name: 'test.mailer',
      events: [orderPlaced],
      handle: async (_ctx, event) => {
        seen['test.mailer']!.push(event);
      },
    });
    const ledger = defineConsumer({
      name: 'test.ledger',
      events: '*',
      handle: async (ctx, event) => {
        // The consumer's own write shares the transaction with the consumption record.
        await ctx.db.execute(sql`insert into test_ledger_lines (event_id) values (${event.id})`);
        if (ledgerFailsOnce) {
          ledgerFailsOnce = false;
          throw new Error('ledger is busy');
        }
        seen['test.ledger']!.push(event);
      },
    });

    const ctx = () => ({
      db: app.platform.db,
      actor: systemActor(),
      channelId: app.platform.defaultChannelId,
      requestId: 'test',
      clock: app.platform.clock,
    });

    beforeAll(async () => {
      app = await startTestApp({
        db,
        modules: [
          defineModule({
            name: 'test-orders',
            description: 'Events and consumers for the outbox tests',
            events: [orderPlaced, orderShipped, orderRefunded],
            consumers: [mailer, ledger],
          }),
        ],
      });
      await app.platform.db.execute(sql`create table test_ledger_lines (event_id uuid not null)`);
      await app.platform.bus.subscribe((m) => {
        if (m.topic.startsWith('events.') || m.topic.includes('/user.')) published.push(m);
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('an event written in a committed transaction reaches every consumer once and the realtime bus', async () => {
      const t0 = performance.now();
      const event = await inTransaction(ctx(), async (tx) =>
        emitEvent(tx, orderPlaced, { orderId: 'o-1', total: 1999 }),
      );
      await waitFor('both consumers', async () => seen['test.mailer']!.length && seen['test.ledger']!.length);
      console.log(`[outbox:${db}] commit → both consumers: ${(performance.now() - t0).toFixed(1)} ms`);
      expect(seen['test.mailer']!.map((e) => e.id)).toEqual([event.id]);
      expect(seen['test.ledger']!.map((e) => e.id)).toEqual([event.id]);
      expect(seen['test.ledger']![0]!.payload).toEqual({ orderId: 'o-1', total: 1999 });
      const msg = await waitFor('the bus message', async () =>
        published.find((m) => m.topic === 'events.order.placed'),
      );
      expect((msg.data as DomainEvent).id).toBe(event.id);
      const [row] = await app.platform.db.select().from(outbox).where(eq(outbox.id, event.id));
      expect(row!.dispatchedAt).toBeInstanceOf(Date);
    });

    it('an event in a rolled-back transaction never goes out', async () => {
      let id = '';
      await inTransaction(ctx(), async (tx) => {
        id = (await emitEvent(tx, orderPlaced, { orderId: 'o-rollback' })).id;
        throw new Error('payment declined');
      }).catch(() => {});
      await new Promise((r) => setTimeout(r, 1_500)); // more than one sweep
      const rows = await app.platform.db.select().from(outbox).where(eq(outbox.id, id));
      expect(rows).toHaveLength(0);
      expect(seen['test.mailer']!.some((e) => e.id === id)).toBe(false);
    });

    it("an event that names a client topic reaches that topic's subscribers in its channel; consumers filter by type", async () => {
      const event = await inTransaction(ctx(), (tx) =>
        emitEvent(tx, orderShipped, { orderId: 'o-2' }, { topic: userTopic.of('buyer-7') }),
      );
      await waitFor('the ledger consumer', async () => seen['test.ledger']!.some((e) => e.id === event.id));
      const msg = await waitFor('the realtime message', async () =>
        published.find((m) => m.topic === `${app.platform.defaultChannelId}/user.buyer-7`),
      );
      expect((msg.data as { messages: DomainEvent[] }).messages.map((e) => e.id)).toEqual([event.id]);
      expect(seen['test.mailer']!.some((e) => e.id === event.id)).toBe(false);
    });

    it('a consumer that fails is retried, and its partial work rolls back with the failed attempt', async () => {
      ledgerFailsOnce = true;
      const event = await inTransaction(ctx(), (tx) => emitEvent(tx, orderRefunded, { orderId: 'o-3' }));
      await waitFor(
        'the retried delivery',
        async () => seen['test.ledger']!.some((e) => e.id === event.id),
        20_000,
      );
      const lines = await queryRows<{ n: number }>(
        app.platform.db,
        sql`select count(*)::int as n from test_ledger_lines where event_id = ${event.id}`,
      );
      expect(Number(lines[0]!.n)).toBe(1);
    });

    it('a second delivery of the same event to the same consumer is a no-op', async () => {
      const [first] = seen['test.mailer']!;
      const before = seen['test.mailer']!.length;
      const id = await app.platform.jobs.send(deliverQueue, { consumer: 'test.mailer', event: first! });
      await waitFor('the duplicate job to finish', async () => {
        const done = await app.platform.jobs.list('events.deliver', 'completed', 500);
        return done.find((j) => j.id === id);
      });
      const done = (await app.platform.jobs.list('events.deliver', 'completed', 500)).find(
        (j) => j.id === id,
      );
      expect(done!.output).toEqual({ delivered: false });
      expect(seen['test.mailer']!.length).toBe(before);
      const rows = await app.platform.db
        .select()
        .from(eventConsumptions)
        .where(eq(eventConsumptions.eventId, first!.id));
      expect(rows.map((r) => r.consumer).sort()).toEqual(['test.ledger', 'test.mailer']);
    });
  });
}
