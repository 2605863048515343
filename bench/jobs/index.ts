/**
 * Jobs benchmark: first-job latency (send → handler running, worker idle before each send) and outbox
 * latency (business commit → consumer running). The product on PostgreSQL (LISTEN/NOTIFY) and on PGlite
 * (polling plus the in-process wake-up), beside a baseline measured in the same run: pg-boss on the same
 * PostgreSQL with its defaults (polling every 2 s, no NOTIFY). `npm run bench -- jobs [samples]`
 */
import { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { createPlatform } from '../../src/app';
import { loadConfig } from '../../src/platform/config';
import { inTransaction, systemActor } from '../../src/platform/context';
import { emitEvent } from '../../src/platform/events';
import { defineConsumer, defineEvent, defineModule, defineQueue } from '../../src/platform/kit';
import type { Platform } from '../../src/platform/platform';
import { createTestPglite, createTestPostgres, type TestDatabase } from '../../test/helpers/db';

const SAMPLES = Number(process.argv[2] ?? 12);
const IDLE_MS = 400;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};
const fmt = (n: number) => n.toFixed(1).padStart(8);

interface Row {
  name: string;
  samples: number[];
}
const rows: Row[] = [];

/** Sends SAMPLES jobs one at a time, the worker idle before each, and times send → handler start. */
async function measure(name: string, send: () => Promise<unknown>, started: { at: number; fired: boolean }) {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await sleep(IDLE_MS + Math.random() * 200);
    started.fired = false;
    const t0 = performance.now();
    await send();
    while (!started.fired) await sleep(1);
    samples.push(started.at - t0);
  }
  rows.push({ name, samples });
  console.error(`  measured ${name}`);
}

async function product(kind: 'postgres' | 'pglite', database: TestDatabase) {
  const started = { at: 0, fired: false };
  const mark = async () => {
    started.at = performance.now();
    started.fired = true;
    return undefined;
  };
  const pingQueue = defineQueue({
    name: 'bench.ping',
    description: 'bench',
    handler: mark,
    retryLimit: 0,
    retryDelay: 1,
    retryBackoff: true,
    expireInSeconds: 60,
  });
  const benchHappened = defineEvent('bench.happened', z.object({}), 'bench');
  const benchModule = defineModule({
    name: 'bench',
    description: 'The jobs benchmark: one queue, one event, one consumer',
    queues: [pingQueue],
    events: [benchHappened],
    consumers: [
      defineConsumer({
        name: 'bench.consumer',
        events: [benchHappened],
        handle: async () => void (await mark()),
      }),
    ],
  });
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    ROLES: 'worker',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ...(kind === 'postgres' ? { DATABASE_URL: database.url } : {}),
  });
  const platform: Platform = await createPlatform(config, {
    database,
    migrated: true,
    modules: [benchModule],
  });
  await platform.jobs.start();
  await measure(
    `first job, ${kind}${kind === 'postgres' ? ' (LISTEN/NOTIFY)' : ' (in-process wake)'}`,
    () => platform.jobs.send(pingQueue, {}),
    started,
  );
  const ctx = {
    db: platform.db,
    actor: systemActor(),
    channelId: platform.defaultChannelId,
    requestId: 'bench',
    clock: platform.clock,
  };
  await measure(
    `outbox commit → consumer, ${kind}`,
    () => inTransaction(ctx, (tx) => emitEvent(tx, benchHappened, {})),
    started,
  );
  await platform.jobs.stop();
}

async function baseline(database: TestDatabase) {
  const started = { at: 0, fired: false };
  const boss = new PgBoss({ connectionString: database.url, schema: 'pgboss_baseline', max: 3 });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue('bench.ping');
  await boss.work('bench.ping', async () => {
    started.at = performance.now();
    started.fired = true;
  });
  await measure('baseline: pg-boss defaults, postgres (polling)', () => boss.send('bench.ping', {}), started);
  await boss.stop({ graceful: false });
}

const pgDb = await createTestPostgres({ max: 10 });
const liteDb = await createTestPglite();
try {
  await product('postgres', pgDb);
  await product('pglite', liteDb);
  await baseline(pgDb);
} finally {
  await pgDb.drop();
  await liteDb.drop();
}

console.log(
  `\nJobs latency, ${SAMPLES} samples each, worker idle ${IDLE_MS}-${IDLE_MS + 200} ms before each (ms):`,
);
console.log(`${'what'.padEnd(56)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(56)}${fmt(pct(r.samples, 50))}${fmt(pct(r.samples, 95))}${fmt(Math.max(...r.samples))}`,
  );
}
const notify = rows[0]!.samples;
const base = rows[rows.length - 1]!.samples;
console.log(
  `jobs: first-job p50=${pct(notify, 50).toFixed(1)}ms p95=${pct(notify, 95).toFixed(1)}ms ` +
    `baseline_p50=${pct(base, 50).toFixed(1)}ms speedup=${(pct(base, 50) / Math.max(pct(notify, 50), 0.1)).toFixed(0)}x`,
);
