import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { waitFor } from '../../../test/helpers/wait-for';
import { createPlatform } from '../../app';
import { loadConfig } from '../config';
import { openPostgres, queryRows } from '../db';
import { defineModule } from '../kit';
import type { QueueDefinition } from './index';
import { BOSS_SCHEMA } from './pg-boss-jobs';

for (const db of ['pglite', 'postgres'] as const) {
  describe(`jobs on ${db}`, () => {
    let app: TestApp;
    const ran: { data: unknown; at: number }[] = [];
    const attempts: number[] = [];
    let flakyShouldFail = true;

    const echo: QueueDefinition<{ n: number }> = {
      name: 'test.echo',
      description: 'records what it was given',
      handler: async (_ctx, data) => {
        ran.push({ data, at: Date.now() });
        return { doubled: data.n * 2 };
      },
      retryLimit: 0,
      retryDelay: 1,
      retryBackoff: false,
      expireInSeconds: 30,
    };
    const flaky: QueueDefinition<{ n: number }> = {
      name: 'test.flaky',
      description: 'fails until told otherwise',
      handler: async () => {
        attempts.push(Date.now());
        if (flakyShouldFail) throw new Error('supplier API is down');
        return { ok: true };
      },
      retryLimit: 2,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: 30,
    };

    const testModule = defineModule({
      name: 'test-jobs',
      description: 'Queues for the job system tests',
      queues: [echo, flaky],
      cron: [{ queue: 'test.echo', cron: '*/5 * * * *', description: 'every five minutes', data: { n: 5 } }],
    });

    beforeAll(async () => {
      app = await startTestApp({ db, modules: [testModule] });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('a sent job runs once and completes with its output', async () => {
      const id = await app.platform.jobs.send(echo, { n: 21 });
      expect(id).toBeTruthy();
      await waitFor('the job to run', async () => ran.find((r) => (r.data as { n: number }).n === 21));
      const done = await waitFor('the job to complete', async () => {
        const list = await app.platform.jobs.list('test.echo', 'completed');
        return list.find((j) => j.id === id);
      });
      expect(done.output).toEqual({ doubled: 42 });
      expect(ran.filter((r) => (r.data as { n: number }).n === 21)).toHaveLength(1);
    });

    it('a job sent inside a transaction exists only if the transaction commits', async () => {
      await app.platform.db
        .transaction(async (tx) => {
          await app.platform.jobs.send(echo, { n: 404 }, { tx });
          throw new Error('rolled back');
        })
        .catch(() => {});
      const committed = await app.platform.db.transaction((tx) =>
        app.platform.jobs.send(echo, { n: 200 }, { tx }),
      );
      await waitFor('the committed job', async () => ran.find((r) => (r.data as { n: number }).n === 200));
      const all = await app.platform.jobs.list('test.echo', 'completed', 500);
      expect(all.some((j) => j.id === committed)).toBe(true);
      expect(ran.some((r) => (r.data as { n: number }).n === 404)).toBe(false);
    });

    it('a failing job retries with growing delays, then lands in the dead-letter queue; retry from the console completes it', async () => {
      flakyShouldFail = true;
      const id = await app.platform.jobs.send(flaky, { n: 1 });
      // 1 run + 2 retries, then the dead-letter queue.
      const dead = await waitFor(
        'the job to be dead-lettered',
        async () => {
          const [q] = (await app.platform.jobs.queues()).filter((x) => x.name === 'test.flaky');
          return q && q.dead === 1 ? q : undefined;
        },
        30_000,
      );
      expect(attempts).toHaveLength(3);
      expect(dead.failed).toBe(1);
      // Exponential backoff: the first retry waits at least retryDelay (1 s), the second at least 2 s.
      const gaps = [attempts[1]! - attempts[0]!, attempts[2]! - attempts[1]!];
      console.log(`[jobs:${db}] retry gaps ms: ${gaps.join(', ')}`);
      expect(gaps[0]).toBeGreaterThanOrEqual(950);
      expect(gaps[1]).toBeGreaterThanOrEqual(1_950);

      // A Prometheus scrape refreshes the gauges itself.
      const scrape = await fetch(`${app.url}/metrics`).then((r) => r.text());
      expect(scrape).toContain('job_dead_letter_depth{queue="test.flaky"} 1');
      expect(scrape).toMatch(/jobs_completed_total\{queue="test.flaky",outcome="failed"\} 3/);

      const [deadJob] = await app.platform.jobs.list('test.flaky', 'dead');
      expect(deadJob).toBeTruthy();
      expect(deadJob!.error).toContain('supplier API is down');
      expect(deadJob!.data).toEqual({ n: 1 });
      const [failedJob] = await app.platform.jobs.list('test.flaky', 'failed');
      expect(failedJob!.id).toBe(id);

      flakyShouldFail = false;
      expect(await app.platform.jobs.retry('test.flaky', deadJob!.id)).toBe(true);
      // A second retry of the same dead job finds nothing to move.
      expect(await app.platform.jobs.retry('test.flaky', deadJob!.id)).toBe(false);
      await waitFor('the redriven job to complete', async () => {
        const [q] = (await app.platform.jobs.queues()).filter((x) => x.name === 'test.flaky');
        return q && q.completed === 1 && q.dead === 0 ? q : undefined;
      });
      expect(attempts).toHaveLength(4);
    }, 60_000);

    // Only PostgreSQL has separate nodes: the embedded database lives in one process.
    if (db === 'postgres')
      it('an api-only node enqueues and a worker node runs the job', async () => {
        const config = loadConfig({
          NODE_ENV: 'test',
          DATABASE_URL: app.database.url,
          ROLES: 'api',
          LOG_LEVEL: 'silent',
          SEED_DEMO: 'false',
        });
        const database = await openPostgres(app.database.url!, { max: 2 });
        const apiNode = await createPlatform(config, {
          database,
          migrated: true,
          modules: [testModule],
        });
        try {
          const t0 = performance.now();
          await apiNode.jobs.send(echo, { n: 77 });
          await waitFor('the worker node to run it', async () =>
            ran.find((r) => (r.data as { n: number }).n === 77),
          );
          console.log(
            `[jobs:postgres] api node send → worker node handler: ${(performance.now() - t0).toFixed(1)} ms`,
          );
        } finally {
          await apiNode.jobs.stop();
          await database.close();
        }
      });

    it('schedules every cron table entry at start', async () => {
      const rows = await queryRows<{ name: string; cron: string; key: string }>(
        app.platform.db,
        sql.raw(`select name, cron, key from ${BOSS_SCHEMA}.schedule order by name`),
      );
      const scheduled = Object.fromEntries(rows.map((r) => [r.name, r.cron]));
      for (const entry of app.platform.registry.cron) expect(scheduled[entry.queue]).toBe(entry.cron);
      expect(scheduled['test.echo']).toBe('*/5 * * * *');
      expect(scheduled['idempotency.purge']).toBeDefined();
      expect(scheduled['audit.verify']).toBeDefined();
    });
  });
}
