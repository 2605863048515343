import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { waitFor } from '../../../test/helpers/wait-for';
import { recordAudit } from '../audit';
import { auditLog } from '../audit/schema';
import { verifyAudit } from '../audit/verify-audit-job';
import { inTransaction, systemActor } from '../context';
import { queryRows } from '../db';
import { pruneEventsJob as pruneEvents } from '../events/prune-job';
import { eventConsumptions, outbox } from '../events/schema';
import { purgeIdempotencyKeys } from '../idempotency/purge-job';
import { idempotencyKeys } from '../idempotency/schema';
import { newId } from '../ids';
import type { JobContext } from './index';

const jobContext = (app: TestApp): JobContext => ({
  platform: app.platform,
  db: app.platform.db,
  actor: systemActor(),
  channelId: app.platform.defaultChannelId,
  requestId: 'job:test',
  clock: app.platform.clock,
  log: app.platform.log,
  job: { id: 'test', queue: 'test', retryCount: 0 },
});

describe('built-in jobs', () => {
  let app: TestApp;
  const jobCtx = () => jobContext(app);
  const queue = (name: string) => app.platform.registry.queues.find((q) => q.name === name)!;

  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('idempotency.purge deletes only expired keys, and a second run deletes nothing', async () => {
    const now = Date.now();
    const row = (key: string, expiresInMs: number) => ({
      scope: 'user:1:orders.place',
      key,
      requestHash: 'h',
      state: 'done',
      expiresAt: new Date(now + expiresInMs),
    });
    await app.platform.db
      .insert(idempotencyKeys)
      .values([row('old-1', -60_000), row('old-2', -1), row('fresh', 3_600_000)]);

    // Through the queue, the way cron runs it.
    const id = await app.platform.jobs.send(queue('idempotency.purge'), {});
    const done = await waitFor('the purge job', async () =>
      (await app.platform.jobs.list('idempotency.purge', 'completed')).find((j) => j.id === id),
    );
    expect(done.output).toEqual({ deleted: 2 });
    const left = await app.platform.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    expect(left.map((r) => r.key)).toEqual(['fresh']);
    expect(await purgeIdempotencyKeys(jobCtx())).toEqual({ deleted: 0 });
  });

  it('audit.verify passes on an intact chain and fails naming the first broken link', async () => {
    const ctx = { ...jobCtx(), actor: systemActor() };
    for (const n of [1, 2, 3]) {
      await inTransaction(ctx, (tx) =>
        recordAudit(tx, { action: 'roles.assign', subjectType: 'user', subjectId: `u${n}`, data: { n } }),
      );
    }
    expect(await verifyAudit(jobCtx())).toMatchObject({ checked: 3 });

    await app.platform.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await app.platform.db
      .update(auditLog)
      .set({ data: { n: 99 } })
      .where(eq(auditLog.seq, 2));
    await app.platform.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const [tampered] = await app.platform.db.select().from(auditLog).where(eq(auditLog.seq, 2));
    await expect(verifyAudit(jobCtx())).rejects.toThrow(new RegExp(`seq 2 \\(entry ${tampered!.id}\\)`));
  });
});

for (const db of ['pglite', 'postgres'] as const) {
  describe(`events.prune on ${db}`, () => {
    let app: TestApp;
    const queue = (name: string) => app.platform.registry.queues.find((q) => q.name === name)!;
    beforeAll(async () => {
      app = await startTestApp({ db, env: { EVENTS_RETENTION_DAYS: '60' } });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('deletes old dispatched outbox rows and old consumptions, keeps recent and undispatched ones, and a second run deletes nothing', async () => {
      const now = Date.now();
      const daysAgo = (d: number) => new Date(now - d * 24 * 3600_000);
      const event = (label: string, occurredDaysAgo: number, dispatchedDaysAgo: number | null) => ({
        id: newId(),
        channelId: app.platform.defaultChannelId,
        type: 'test.pruned',
        payload: { label },
        occurredAt: daysAgo(occurredDaysAgo),
        dispatchedAt: dispatchedDaysAgo === null ? null : daysAgo(dispatchedDaysAgo),
      });
      const rows = [
        event('old-dispatched', 100, 100),
        event('old-dispatched-2', 70, 61),
        // Occurred long ago but dispatched recently (it waited on a failing dispatch): kept.
        event('late-dispatched', 100, 1),
        event('recent-dispatched', 2, 2),
        // Never dispatched, however old: kept for the operator and the dispatcher.
        event('old-undispatched', 200, null),
      ];
      // Parked past the dispatch attempt limit, so the live dispatcher leaves the undispatched row alone.
      await app.platform.db.insert(outbox).values(rows.map((r) => ({ ...r, attempts: 1_000 })));
      const consumption = (consumer: string, processedDaysAgo: number) => ({
        consumer,
        eventId: newId(),
        processedAt: daysAgo(processedDaysAgo),
      });
      await app.platform.db
        .insert(eventConsumptions)
        .values([
          consumption('old-1', 90),
          consumption('old-2', 60.5),
          consumption('recent-1', 59),
          consumption('recent-2', 0),
        ]);

      // Through the queue, the way cron runs it.
      const id = await app.platform.jobs.send(queue('events.prune'), {});
      const done = await waitFor('the prune job', async () =>
        (await app.platform.jobs.list('events.prune', 'completed')).find((j) => j.id === id),
      );
      expect(done.output).toEqual({ outbox: 2, consumptions: 2 });
      const outboxLeft = await app.platform.db.select({ payload: outbox.payload }).from(outbox);
      expect(outboxLeft.map((r) => (r.payload as { label: string }).label).sort()).toEqual([
        'late-dispatched',
        'old-undispatched',
        'recent-dispatched',
      ]);
      const consumersLeft = await app.platform.db
        .select({ consumer: eventConsumptions.consumer })
        .from(eventConsumptions);
      expect(consumersLeft.map((r) => r.consumer).sort()).toEqual(['recent-1', 'recent-2']);
      expect(await pruneEvents(jobContext(app))).toEqual({ outbox: 0, consumptions: 0 });
    });

    it('is on the cron table daily and keeps outbox.dispatch history for a day only', async () => {
      const entry = app.platform.registry.cron.find((e) => e.queue === 'events.prune');
      expect(entry?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
      const [schedule] = await queryRows<{ cron: string; timezone: string }>(
        app.platform.db,
        sql`select cron, timezone from pgboss.schedule where name = 'events.prune'`,
      );
      expect(schedule).toEqual({ cron: entry!.cron, timezone: 'UTC' });
      const [queue] = await queryRows<{ deletion_seconds: number }>(
        app.platform.db,
        sql`select deletion_seconds from pgboss.queue where name = 'outbox.dispatch'`,
      );
      expect(Number(queue!.deletion_seconds)).toBe(24 * 3600);
    });
  });
}
