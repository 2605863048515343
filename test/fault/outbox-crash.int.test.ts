import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { type Running, start } from '../../src/app';
import { loadConfig } from '../../src/platform/config';
import { queryRows } from '../../src/platform/db';
import { type DeliverEventJob, deliverQueue, eventConsumptions, outbox } from '../../src/platform/events';
import { createTestPostgres, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/wait-for';
import { crashModule, crashTablesSql } from './outbox-crash-consumers';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs the child until it kills itself; returns the event id it committed and how it died. */
function runChild(url: string): Promise<{ eventId: string; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'outbox-crash-child.ts'), url],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LOG_LEVEL: 'silent' },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      const m = /committed ([0-9a-f-]{36})/.exec(out);
      if (!m) return reject(new Error(`child did not commit an event:\n${out}\n${err}`));
      resolve({ eventId: m[1]!, signal, stderr: err });
    });
  });
}

const consumerCounts = async (running: Running, eventId: string) => {
  const rows = await queryRows<{ consumer: string; n: number }>(
    running.platform.db,
    sql`select consumer, count(*)::int as n from crash_deliveries where event_id = ${eventId} group by consumer order by consumer`,
  );
  return Object.fromEntries(rows.map((r) => [r.consumer, Number(r.n)]));
};

let database: TestDatabase | undefined;
let running: Running | undefined;
afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

it('a dispatcher killed between commit and dispatch: after restart each consumer gets the event exactly once', async () => {
  database = await createTestPostgres();
  await database.db.execute(crashTablesSql);

  const { eventId, signal } = await runChild(database.url!);
  expect(signal).toBe('SIGKILL');

  // The business change and its event committed; nothing went out.
  const [pending] = await database.db.select().from(outbox).where(eq(outbox.id, eventId));
  expect(pending).toBeTruthy();
  expect(pending!.dispatchedAt).toBeNull();
  expect(await queryRows(database.db, sql`select * from crash_orders`)).toHaveLength(1);
  expect(await database.db.select().from(eventConsumptions)).toHaveLength(0);

  // Restart the worker on the same database.
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    ROLES: 'worker',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
  });
  running = await start(config, { database, migrated: true, modules: [crashModule] });
  const r = running;
  await waitFor('both consumers', async () => Object.keys(await consumerCounts(r, eventId)).length === 2);
  await new Promise((res) => setTimeout(res, 2_500)); // sweeps and polls that could deliver twice
  expect(await consumerCounts(r, eventId)).toEqual({ 'crash.ledger': 1, 'crash.mailer': 1 });
  const [sent] = await r.platform.db.select().from(outbox).where(eq(outbox.id, eventId));
  expect(sent!.dispatchedAt).toBeInstanceOf(Date);

  // A second delivery of the same job is a no-op.
  const [job] = (await r.platform.jobs.list('events.deliver', 'completed', 100)).filter(
    (j) => (j.data as { consumer: string }).consumer === 'crash.mailer',
  );
  const again = await r.platform.jobs.send(deliverQueue, job!.data as DeliverEventJob);
  const done = await waitFor('the repeated job', async () =>
    (await r.platform.jobs.list('events.deliver', 'completed', 100)).find((j) => j.id === again),
  );
  expect(done.output).toEqual({ delivered: false });

  // So is a second dispatch of the whole event (as if the mark had been lost).
  await r.platform.db.update(outbox).set({ dispatchedAt: null }).where(eq(outbox.id, eventId));
  r.platform.jobs.nudgeOutbox();
  await waitFor('the re-dispatch', async () => {
    const [row] = await r.platform.db.select().from(outbox).where(eq(outbox.id, eventId));
    return row!.dispatchedAt;
  });
  await waitFor('the re-dispatched jobs to finish', async () => {
    const [q] = (await r.platform.jobs.queues()).filter((x) => x.name === 'events.deliver');
    return q!.queued === 0 && q!.active === 0 && q!.completed === 5;
  });
  expect(await consumerCounts(r, eventId)).toEqual({ 'crash.ledger': 1, 'crash.mailer': 1 });
}, 90_000);
