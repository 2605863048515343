import { sql } from 'drizzle-orm';
import {
  type Db as BossDb,
  type DrizzleSqlTagLike,
  type DrizzleTransactionLike,
  fromDrizzle,
  fromPglite,
  type Job,
  PgBoss,
} from 'pg-boss';
import { systemActor } from '../context';
import type { DbOrTx } from '../db';
import { type OutboxDispatcher, startOutboxDispatcher } from '../events';
import { isUuid } from '../ids';
import type { Registry } from '../kit';
import type { Platform } from '../platform';
import type {
  CronEntry,
  JobContext,
  JobState,
  JobSummary,
  Jobs,
  QueueDefinition,
  QueueSummary,
} from './index';

export interface JobsOptions {
  /** How often idle workers poll when no NOTIFY wakes them. Default 2 s on PostgreSQL, 1 s on PGlite. */
  pollingIntervalSeconds?: number;
  /** How often the queue-depth gauges refresh on a worker. Default 15 s. */
  metricsIntervalMs?: number;
}

/** pg-boss keeps its tables in their own schema, beside ours in the same database. */
export const BOSS_SCHEMA = 'pgboss';
const CRON_KEY = 'cron-table';
/** Dead jobs wait a month for a human before pg-boss deletes them. */
export const DEAD_RETENTION_SECONDS = 30 * 24 * 3600;
/** pg-boss's own defaults, restored when a queue stops naming its retention. */
export const DEFAULT_RETENTION_SECONDS = 14 * 24 * 3600;
const DEFAULT_DELETE_AFTER_SECONDS = 7 * 24 * 3600;

/** How long running jobs get to finish when a worker stops (within the 10 s a stopping node has). */
export const JOB_GRACE_MS = 4_000;

export const deadLetterOf = (def: Pick<QueueDefinition, 'name' | 'deadLetter'>): string =>
  def.deadLetter ?? `${def.name}.dead`;

/** pg-boss's drizzle adapter, so a job is enqueued (or retried) inside the caller's transaction. */
const inTx = (tx: DbOrTx): BossDb =>
  fromDrizzle(tx as unknown as DrizzleTransactionLike, sql as unknown as DrizzleSqlTagLike);

/**
 * The job system on pg-boss 12, on either database: on PostgreSQL with its own small pool and
 * LISTEN/NOTIFY (a new job reaches an idle worker in milliseconds); on PGlite through pg-boss's PGlite
 * adapter on the one embedded connection, polling, plus an in-process wake-up when this process sends.
 * `platform` is read lazily: the platform object is built around this one.
 */
export function createJobs(
  platform: () => Platform,
  registry: Pick<Registry, 'queues' | 'cron'>,
  options: JobsOptions = {},
): Jobs {
  const byName = new Map(registry.queues.map((q) => [q.name, q]));
  const workerIds = new Map<string, string[]>();
  let boss: PgBoss | undefined;
  let starting: Promise<PgBoss> | undefined;
  let workerStarted: Promise<void> | undefined;
  let dispatcher: OutboxDispatcher | undefined;
  let metricsTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  const queueDef = (name: string): QueueDefinition => {
    const def = byName.get(name);
    if (!def) throw new Error(`Unknown queue "${name}": no module registers it`);
    return def;
  };

  const ensureStarted = (): Promise<PgBoss> => {
    starting ??= (async () => {
      const p = platform();
      const isWorker = p.config.ROLES.includes('worker');
      const common = {
        schema: BOSS_SCHEMA,
        // Maintenance (expiring, retrying, deleting old jobs) and cron run on worker nodes only.
        supervise: isWorker,
        schedule: isWorker,
        instanceName: isWorker ? 'worker' : 'api',
      };
      const b =
        p.database.kind === 'pglite'
          ? new PgBoss({ ...common, db: fromPglite(p.database.pglite!), backend: 'pglite' })
          : new PgBoss({
              ...common,
              connectionString: p.database.url,
              max: 5,
              application_name: 'lsn-jobs',
              useListenNotify: true,
            });
      b.on('error', (err) => p.log.error({ err }, 'job system error'));
      b.on('warning', (w) => p.log.warn({ warning: w }, 'job system warning'));
      await b.start();
      for (const def of registry.queues) await ensureQueue(b, def, p.database.kind === 'postgres');
      boss = b;
      return b;
    })();
    return starting;
  };

  const contextFor = (job: Job<object>): JobContext => {
    const p = platform();
    return {
      platform: p,
      db: p.db,
      actor: systemActor(),
      channelId: p.defaultChannelId,
      requestId: `job:${job.id}`,
      clock: p.clock,
      log: p.log.child({ queue: job.name, jobId: job.id, retryCount: job.retryCount }),
      job: { id: job.id, queue: job.name, retryCount: job.retryCount },
    };
  };

  const work = async (b: PgBoss, def: QueueDefinition) => {
    const p = platform();
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? (p.database.kind === 'pglite' ? 1 : 2);
    const id = await b.work<object>(
      def.name,
      {
        batchSize: 1,
        localConcurrency: def.concurrency ?? 1,
        pollingIntervalSeconds,
        // Retries and delayed jobs come due without a NOTIFY; this backstop poll is what picks them up.
        notifyPollingIntervalSeconds: pollingIntervalSeconds,
      },
      async ([job]) => {
        if (!job) return undefined;
        const ctx = contextFor(job);
        try {
          const out = await def.handler(ctx, job.data);
          p.metrics.jobsCompleted.inc({ queue: def.name, outcome: 'completed' });
          return out && typeof out === 'object' ? out : undefined;
        } catch (err) {
          p.metrics.jobsCompleted.inc({ queue: def.name, outcome: 'failed' });
          ctx.log.warn({ err }, 'job failed');
          throw err;
        }
      },
    );
    workerIds.set(def.name, [...(workerIds.get(def.name) ?? []), id]);
  };

  /** On PGlite there is no NOTIFY for pg-boss; a send from this process wakes its own worker instead. */
  const wakeLocal = (queue: string) => {
    if (!boss || platform().database.kind !== 'pglite') return;
    for (const id of workerIds.get(queue) ?? []) boss.notifyWorker(id);
  };

  const exec = async <T>(text: string, values: unknown[], tx?: DbOrTx): Promise<T[]> => {
    const b = await ensureStarted();
    const db = tx ? inTx(tx) : b.getDb();
    return (await db.executeSql(text, values)).rows as T[];
  };

  let refreshing: Promise<void> | undefined;
  let refreshedAt = 0;
  const refreshMetrics = async () => {
    const b = await ensureStarted();
    const p = platform();
    const names = registry.queues.flatMap((d) => [d.name, deadLetterOf(d)]);
    const rows = await b.getDb().executeSql(
      `select name, state::text as state, count(*)::int as n from ${BOSS_SCHEMA}.job
         where name = any($1::text[]) and state in ('created', 'retry', 'active') group by name, state`,
      [names],
    );
    const count = (name: string, states: string[]) =>
      rows.rows
        .filter((r) => r.name === name && states.includes(r.state))
        .reduce((n, r) => n + Number(r.n), 0);
    for (const def of registry.queues) {
      p.metrics.jobQueueDepth.set(
        { queue: def.name, state: 'queued' },
        count(def.name, ['created', 'retry']),
      );
      p.metrics.jobQueueDepth.set({ queue: def.name, state: 'active' }, count(def.name, ['active']));
      p.metrics.dlqDepth.set({ queue: def.name }, count(deadLetterOf(def), ['created', 'retry', 'active']));
    }
    refreshedAt = Date.now();
  };
  const refreshSoon = (): Promise<void> => {
    if (Date.now() - refreshedAt < 2_000) return Promise.resolve();
    refreshing ??= refreshMetrics()
      .catch((err) => platform().log.warn({ err }, 'job metrics refresh failed'))
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  const jobs: Jobs = {
    async send(queue, data, opts = {}) {
      const def = queueDef(queue.name);
      const b = await ensureStarted();
      const id = await b.send(
        def.name,
        data,
        defined({
          priority: opts.priority ?? def.priority,
          singletonKey: opts.singletonKey,
          startAfter: opts.startAfterSeconds,
          db: opts.tx ? inTx(opts.tx) : undefined,
        }),
      );
      if (!opts.tx) wakeLocal(def.name);
      return id;
    },

    async insert(queue, list, opts = {}) {
      const def = queueDef(queue.name);
      if (list.length === 0) return;
      const b = await ensureStarted();
      await b.insert(
        def.name,
        list.map((j) =>
          defined({ data: j.data, singletonKey: j.singletonKey, priority: j.priority ?? def.priority }),
        ),
        defined({ db: opts.tx ? inTx(opts.tx) : undefined }),
      );
      if (!opts.tx) wakeLocal(def.name);
    },

    start() {
      workerStarted ??= (async () => {
        const b = await ensureStarted();
        const p = platform();
        for (const def of registry.queues) await work(b, def);
        await scheduleCron(b, registry.cron);
        dispatcher = await startOutboxDispatcher(p);
        metricsTimer = setInterval(() => void refreshSoon(), options.metricsIntervalMs ?? 15_000);
        metricsTimer.unref();
        // Also on every /metrics scrape, throttled, so the gauges are never a full interval stale.
        for (const gauge of [p.metrics.jobQueueDepth, p.metrics.dlqDepth]) {
          (gauge as unknown as { collect?: () => Promise<void> }).collect = () =>
            stopped ? Promise.resolve() : refreshSoon();
        }
        await refreshSoon();
      })();
      return workerStarted;
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(metricsTimer);
      await workerStarted?.catch(() => {});
      await dispatcher?.stop();
      await refreshing;
      const b = await starting?.catch(() => undefined);
      // Graceful: running handlers get a few seconds to finish; pg-boss then fails the ones still running,
      // which puts them back in the queue under its retry policy (handlers are safe to run twice).
      await b?.stop({ graceful: true, timeout: JOB_GRACE_MS });
    },

    async queues() {
      const names = registry.queues.flatMap((d) => [d.name, deadLetterOf(d)]);
      const rows = await exec<{ name: string; state: string; n: number }>(
        `select name, state::text as state, count(*)::int as n from ${BOSS_SCHEMA}.job
         where name = any($1::text[]) group by name, state`,
        [names],
      );
      const count = (name: string, states: string[]) =>
        rows.filter((r) => r.name === name && states.includes(r.state)).reduce((n, r) => n + Number(r.n), 0);
      return registry.queues.map<QueueSummary>((def) => ({
        name: def.name,
        description: def.description,
        queued: count(def.name, ['created', 'retry']),
        active: count(def.name, ['active']),
        completed: count(def.name, ['completed']),
        failed: count(def.name, ['failed']),
        dead: count(deadLetterOf(def), ['created', 'retry', 'active']),
      }));
    },

    async list(queue, state, limit = 50) {
      const def = queueDef(queue);
      const [name, states] = stateFilter(def, state);
      const rows = await exec<BossJobRow>(
        `select id, state::text as state, data, output, source_output, retry_count, created_on, completed_on
         from ${BOSS_SCHEMA}.job where name = $1 and state::text = any($2::text[])
         order by created_on desc limit $3`,
        [name, states, Math.min(Math.max(limit, 1), 500)],
      );
      return rows.map((r) => toSummary(def.name, state, r));
    },

    async retry(queue, id, opts = {}) {
      const def = queueDef(queue);
      if (!isUuid(id)) return false;
      const b = await ensureStarted();
      const dlq = deadLetterOf(def);
      const db = opts.tx ? inTx(opts.tx) : undefined;
      const [job] = await exec<{ name: string; state: string }>(
        `select name, state::text as state from ${BOSS_SCHEMA}.job where id = $1 and name = any($2::text[])`,
        [id, [def.name, dlq]],
        opts.tx,
      );
      if (!job) return false;
      if (job.name === dlq && (job.state === 'created' || job.state === 'retry')) {
        // Redrive re-creates the job on its source queue with a fresh retry budget.
        const moved = await b.redrive(dlq, defined({ ids: [id], db }));
        if (moved > 0 && !opts.tx) wakeLocal(def.name);
        return moved > 0;
      }
      if (job.name === def.name && job.state === 'failed') {
        // pg-boss's typings leave CommandResponse empty; it carries the affected count.
        const res = (await b.retry(def.name, id, defined({ db }))) as unknown as { affected: number };
        // Its dead-letter copy would otherwise be retried a second time from the console.
        const copies = await exec<{ id: string }>(
          `select id from ${BOSS_SCHEMA}.job where name = $1 and source_id = $2 and state in ('created', 'retry')`,
          [dlq, id],
          opts.tx,
        );
        if (copies.length)
          await b.deleteJob(
            dlq,
            copies.map((c) => c.id),
            defined({ db }),
          );
        if (res.affected > 0 && !opts.tx) wakeLocal(def.name);
        return res.affected > 0;
      }
      return false;
    },

    wake: wakeLocal,

    nudgeOutbox() {
      dispatcher?.nudge();
    },

    refreshMetrics,

    async ready() {
      const b = await ensureStarted();
      await b.getDb().executeSql('select 1');
    },
  };
  return jobs;
}

/** pg-boss validates any option key that is present, even when its value is undefined. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

interface BossJobRow {
  id: string;
  state: string;
  data: unknown;
  output: unknown;
  source_output: unknown;
  retry_count: number;
  created_on: Date | string;
  completed_on: Date | string | null;
}

/** Which pg-boss queue and states a console state maps to. */
function stateFilter(def: QueueDefinition, state: JobState): [string, string[]] {
  switch (state) {
    case 'queued':
      return [def.name, ['created', 'retry']];
    case 'active':
      return [def.name, ['active']];
    case 'completed':
      return [def.name, ['completed']];
    case 'failed':
      return [def.name, ['failed']];
    case 'dead':
      return [deadLetterOf(def), ['created', 'retry', 'active']];
  }
}

function toSummary(queue: string, state: JobState, r: BossJobRow): JobSummary {
  // A dead-letter copy keeps the failure in source_output; a failed or retrying job in output.
  const failure = (state === 'dead' ? r.source_output : r.output) as { message?: unknown } | null;
  return {
    id: r.id,
    queue,
    state,
    data: r.data,
    output: r.output ?? null,
    retryCount: Number(r.retry_count),
    createdOn: new Date(r.created_on),
    completedOn: r.completed_on ? new Date(r.completed_on) : null,
    error:
      state === 'completed' || state === 'active'
        ? null
        : failure && typeof failure.message === 'string'
          ? failure.message
          : null,
  };
}

async function ensureQueue(b: PgBoss, def: QueueDefinition, notify: boolean): Promise<void> {
  const dlq = deadLetterOf(def);
  await b.createQueue(dlq, {
    retentionSeconds: DEAD_RETENTION_SECONDS,
    deleteAfterSeconds: DEAD_RETENTION_SECONDS,
  });
  const opts = {
    retryLimit: def.retryLimit,
    retryDelay: def.retryDelay,
    retryBackoff: def.retryBackoff,
    expireInSeconds: def.expireInSeconds,
    deadLetter: dlq,
    notify,
    retentionSeconds: def.retentionSeconds ?? DEFAULT_RETENTION_SECONDS,
    deleteAfterSeconds: def.deleteAfterSeconds ?? DEFAULT_DELETE_AFTER_SECONDS,
  };
  // pg-boss rejects a key that is present but undefined.
  const cap = def.retryDelayMax === undefined ? {} : { retryDelayMax: def.retryDelayMax };
  await b.createQueue(def.name, { ...opts, ...cap, policy: def.policy ?? 'standard' });
  // createQueue leaves an existing queue as it was; apply the registry's current settings.
  await b.updateQueue(def.name, { ...opts, retryDelayMax: def.retryDelayMax ?? null });
}

/** Schedules every cron entry and removes schedules the table no longer lists. */
async function scheduleCron(b: PgBoss, cron: readonly CronEntry[]): Promise<void> {
  for (const entry of cron)
    await b.schedule(entry.queue, entry.cron, entry.data ?? {}, { tz: 'UTC', key: CRON_KEY });
  for (const s of await b.getSchedules()) {
    if (s.key === CRON_KEY && !cron.some((e) => e.queue === s.name)) await b.unschedule(s.name, s.key);
  }
}
