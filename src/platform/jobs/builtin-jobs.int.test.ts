import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { waitFor } from '../../../test/helpers/wait-for';
import { recordAudit } from '../audit';
import { auditLog } from '../audit/schema';
import { inTransaction, systemActor } from '../context';
import { idempotencyKeys } from '../idempotency/schema';
import type { JobContext } from './index';
import { purgeIdempotencyKeys } from './purge-idempotency-keys';
import { verifyAudit } from './verify-audit';

describe('built-in jobs', () => {
  let app: TestApp;
  const jobCtx = (): JobContext => ({
    platform: app.platform,
    db: app.platform.db,
    actor: systemActor(),
    channelId: app.platform.defaultChannelId,
    requestId: 'job:test',
    clock: app.platform.clock,
    log: app.platform.log,
    job: { id: 'test', queue: 'test', retryCount: 0 },
  });

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
    const id = await app.platform.jobs.send('idempotency.purge', {});
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
