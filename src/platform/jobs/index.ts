import type { Logger } from 'pino';
import type { Ctx } from '../context';
import type { DbOrTx } from '../db';
import { defineModule, definePermissions } from '../kit';
import type { Platform } from '../platform';
import { jobsRouter } from './router';

/** What every job handler receives: a system actor in the default channel, plus the platform. */
export interface JobContext extends Ctx {
  platform: Platform;
  log: Logger;
  job: { id: string; queue: string; retryCount: number };
}

/**
 * One named queue. Handlers must be safe to run twice (a worker can die after the work committed but
 * before the job was marked done), so they check or upsert rather than assume a first run.
 */
// biome-ignore lint/suspicious/noExplicitAny: one registry holds queues with different payloads
export interface QueueDefinition<T extends object = any> {
  name: string;
  /** Shown on the console's jobs page. */
  description: string;
  handler(ctx: JobContext, data: T): Promise<object | undefined>;
  /** Higher runs first. Default 0. */
  priority?: number;
  /** Retries after the first failure. */
  retryLimit: number;
  /** Seconds before the first retry; doubled per retry (with jitter) when retryBackoff is on. */
  retryDelay: number;
  retryBackoff: boolean;
  /** Cap on the backoff delay, in seconds. */
  retryDelayMax?: number;
  /** Seconds a running job may take before it counts as failed. */
  expireInSeconds: number;
  /** Seconds a job may wait queued (created or retrying) before pg-boss deletes it. Default 14 days. */
  retentionSeconds?: number;
  /** Seconds a completed job is kept (for the console) before pg-boss deletes it. Default 7 days. */
  deleteAfterSeconds?: number;
  /** Jobs that exhaust their retries land here. Default `<name>.dead`. */
  deadLetter?: string;
  /** Handlers run at once per worker process. Default 1. */
  concurrency?: number;
  /** pg-boss queue policy; `short` dedupes queued jobs by singletonKey. Default `standard`. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
}

/** One row of the cron table: `queue` gets a job (with `data`) whenever `cron` (UTC) comes due. */
export interface CronEntry {
  queue: string;
  cron: string;
  description: string;
  data?: object;
}

export type JobState = 'queued' | 'active' | 'completed' | 'failed' | 'dead';

export interface QueueSummary {
  name: string;
  description: string;
  queued: number;
  active: number;
  completed: number;
  failed: number;
  /** Jobs waiting in the queue's dead-letter queue. */
  dead: number;
}

export interface JobSummary {
  id: string;
  /** The registered queue the job belongs to (for a dead job, the queue it died in). */
  queue: string;
  state: JobState;
  data: unknown;
  output: unknown;
  retryCount: number;
  createdOn: Date;
  completedOn: Date | null;
  error: string | null;
}

export interface SendOptions {
  /**
   * Enqueue inside this open transaction: the job exists only if it commits. On PGlite this is required
   * when sending from inside a transaction (the embedded engine has one connection, so a send outside
   * the transaction would wait for it to finish).
   */
  tx?: DbOrTx;
  singletonKey?: string;
  startAfterSeconds?: number;
  priority?: number;
}

/**
 * Background jobs on pg-boss (both databases). The queues, cron entries and event consumers come from the
 * modules' manifests (platform.registry); a job is sent by its queue's definition, so its data is typed.
 */
export interface Jobs {
  /** Enqueues a job. Returns the job id, or null when a queued job with the same singletonKey absorbed it. */
  send<T extends object>(queue: QueueDefinition<T>, data: T, opts?: SendOptions): Promise<string | null>;
  /** Enqueues many jobs in one statement (the outbox dispatcher's fan-out). */
  insert<T extends object>(
    queue: QueueDefinition<T>,
    jobs: { data: T; singletonKey?: string; priority?: number }[],
    opts?: Pick<SendOptions, 'tx'>,
  ): Promise<void>;
  /** Worker role: works every registered queue, schedules the cron table, runs the outbox dispatcher. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Counts per state for each registered queue, fresh from the database. */
  queues(): Promise<QueueSummary[]>;
  list(queue: string, state: JobState, limit?: number): Promise<JobSummary[]>;
  /**
   * Puts a failed job (or its dead-letter copy) back on its queue. False when no failed or dead job has
   * that id. Pass `tx` to make the move part of a transaction (the console audits it in the same one).
   */
  retry(queue: string, id: string, opts?: Pick<SendOptions, 'tx'>): Promise<boolean>;
  /**
   * Wakes this process's idle workers on a queue. Sends outside a transaction do it themselves; call it
   * after committing a transaction that enqueued jobs (on PGlite, where no NOTIFY wakes workers).
   */
  wake(queue: string): void;
  /** Wakes this process's outbox dispatcher now (it also wakes on NOTIFY and sweeps every second). */
  nudgeOutbox(): void;
  /** Updates the queue-depth and dead-letter gauges. */
  refreshMetrics(): Promise<void>;
  /** Resolves when the job system can reach its tables (readiness). */
  ready(): Promise<void>;
}

export {
  BOSS_SCHEMA,
  createJobs,
  DEAD_RETENTION_SECONDS,
  DEFAULT_RETENTION_SECONDS,
  deadLetterOf,
  type JobsOptions,
} from './pg-boss-jobs';

export const jobsPermissions = definePermissions({
  'jobs.read': 'See background queues and their failed and dead jobs',
  'jobs.retry': 'Put a failed or dead job back on its queue',
});
declare module '../kit' {
  interface PermissionRegistry extends Record<keyof typeof jobsPermissions, true> {}
}

export const jobsModule = defineModule({
  name: 'jobs',
  description: 'Background jobs on pg-boss: the console page of queues, failures and retries.',
  router: { jobs: jobsRouter },
  permissions: jobsPermissions,
  roleGrants: {
    ops: ['jobs.read', 'jobs.retry'],
    admin: ['jobs.read', 'jobs.retry'],
  },
  health: [{ name: 'jobs', check: (platform) => platform.jobs.ready() }],
});
