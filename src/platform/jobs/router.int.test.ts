import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { waitFor } from '../../../test/helpers/wait-for';
import { channels } from '../access';
import { auditLog } from '../audit/schema';
import { newId } from '../ids';
import { defineModule } from '../kit';
import type { QueueDefinition } from './index';

for (const db of ['pglite', 'postgres'] as const) {
  describe(`the jobs console API on ${db}`, () => {
    let app: TestApp;
    let ops: TestClient;
    let customer: TestClient;
    let failing = true;
    const payouts: QueueDefinition<{ payoutId: string }> = {
      name: 'test.payouts',
      description: 'sends a payout',
      handler: async () => {
        if (failing) throw new Error('bank rejected the transfer');
        return { sent: true };
      },
      retryLimit: 0,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: 30,
    };

    const queue = async (c: TestClient) => {
      const res = await c.query('jobs.queues');
      return res.data?.queues.find((q: { name: string }) => q.name === 'test.payouts');
    };

    beforeAll(async () => {
      app = await startTestApp({
        db,
        modules: [defineModule({ name: 'test-payouts', description: 'A failing queue', queues: [payouts] })],
      });
      ops = (await signUpAs(app, ['ops'])).client;
      customer = (await signUpAs(app, [])).client;
    });
    afterAll(async () => {
      await app?.close();
    });

    it('lists every registered queue with counts per state', async () => {
      const res = await ops.query('jobs.queues');
      expect(res.status).toBe(200);
      const names = res.data.queues.map((q: { name: string }) => q.name);
      expect(names).toEqual(
        expect.arrayContaining(['events.deliver', 'idempotency.purge', 'audit.verify', 'test.payouts']),
      );
      expect(res.data.queues[0]).toMatchObject({
        name: expect.any(String),
        description: expect.any(String),
        queued: expect.any(Number),
        active: expect.any(Number),
        completed: expect.any(Number),
        failed: expect.any(Number),
        dead: expect.any(Number),
      });
      const rest = await ops.request('GET', '/api/v1/jobs/queues');
      expect(rest.status).toBe(200);
      expect(rest.body.queues.length).toBe(res.data.queues.length);
    });

    it('a dead job shows with its error, and retry puts it back: it completes and the retry is audited', async () => {
      await app.platform.jobs.send(payouts, { payoutId: 'p-1' });
      await waitFor('the job to die', async () => (await queue(ops))?.dead === 1);

      const dead = await ops.query('jobs.list', { queue: 'test.payouts', state: 'dead' });
      expect(dead.status).toBe(200);
      expect(dead.data.jobs).toHaveLength(1);
      const job = dead.data.jobs[0];
      expect(job).toMatchObject({ queue: 'test.payouts', state: 'dead', data: { payoutId: 'p-1' } });
      expect(job.error).toContain('bank rejected the transfer');

      failing = false;
      const retried = await ops.mutate('jobs.retry', { queue: 'test.payouts', id: job.id });
      expect(retried.status).toBe(200);
      expect(retried.data).toEqual({ ok: true });
      await waitFor('the retried job to complete', async () => {
        const q = await queue(ops);
        return q?.completed === 1 && q.dead === 0;
      });

      const [entry] = await app.platform.db.select().from(auditLog).where(eq(auditLog.action, 'jobs.retry'));
      expect(entry).toMatchObject({ subjectType: 'job', subjectId: job.id, data: { queue: 'test.payouts' } });

      const again = await ops.mutate('jobs.retry', { queue: 'test.payouts', id: job.id });
      expect(again.status).toBe(404);
    });

    it('a failed job can be retried too', async () => {
      failing = true;
      const id = await app.platform.jobs.send(payouts, { payoutId: 'p-2' });
      await waitFor('the job to fail', async () => {
        const res = await ops.query('jobs.list', { queue: 'test.payouts', state: 'failed' });
        return res.data?.jobs.find((j: { id: string }) => j.id === id);
      });
      failing = false;
      const retried = await ops.mutate('jobs.retry', { queue: 'test.payouts', id });
      expect(retried.status).toBe(200);
      await waitFor('the job to complete', async () => {
        const res = await ops.query('jobs.list', { queue: 'test.payouts', state: 'completed' });
        return res.data?.jobs.find((j: { id: string }) => j.id === id);
      });
      // Its dead-letter copy went with it, so it cannot be retried twice.
      expect((await queue(ops))?.dead).toBe(0);
    });

    it('refuses callers without the jobs permissions, and unknown queues and ids are 404s', async () => {
      expect((await customer.query('jobs.queues')).status).toBe(403);
      expect(
        (await customer.mutate('jobs.retry', { queue: 'test.payouts', id: crypto.randomUUID() })).status,
      ).toBe(403);
      expect((await app.client().query('jobs.queues')).status).toBe(401);
      expect((await ops.query('jobs.list', { queue: 'no.such.queue', state: 'failed' })).status).toBe(404);
      expect(
        (await ops.mutate('jobs.retry', { queue: 'no.such.queue', id: crypto.randomUUID() })).status,
      ).toBe(404);
      expect(
        (await ops.mutate('jobs.retry', { queue: 'test.payouts', id: crypto.randomUUID() })).status,
      ).toBe(404);
      expect((await ops.mutate('jobs.retry', { queue: 'test.payouts', id: 'not-a-uuid' })).status).toBe(400);
    });

    it("is served on the deployment's main channel only: another channel's ops staff cannot see its jobs", async () => {
      const channelId = newId();
      await app.platform.db.insert(channels).values({
        id: channelId,
        slug: `other-${channelId.slice(-6)}`,
        name: 'Other',
        domains: [`${channelId}.example.test`],
      });
      const other = await signUpAs(app, ['ops'], {
        channelId,
        client: app.client({ host: `${channelId}.example.test` }),
      });
      expect((await other.client.query('jobs.queues')).status).toBe(403);
      expect(
        (await other.client.query('jobs.list', { queue: 'test.payouts', state: 'completed' })).status,
      ).toBe(403);
      expect(
        (await other.client.mutate('jobs.retry', { queue: 'test.payouts', id: crypto.randomUUID() })).status,
      ).toBe(403);
    });
  });
}
