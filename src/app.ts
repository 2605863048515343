import { asc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { channels } from './platform/access/schema';
import { createCacheHub } from './platform/cache';
import { type Clock, systemClock } from './platform/clock';
import type { Config } from './platform/config';
import { type Database, openDatabase } from './platform/db/client';
import { runMigrations } from './platform/db/migrate';
import { createMemoryRateLimiter } from './platform/http/memory-rate-limiter';
import { openApiPlugin } from './platform/http/openapi';
import { createRedisRateLimiter } from './platform/http/redis-rate-limiter';
import { buildServer } from './platform/http/server';
import { webPlugin } from './platform/http/web';
import { newId } from './platform/ids';
import { createJobs, type JobsOptions } from './platform/jobs';
import { healthPlugin } from './platform/observability/health';
import { createLogger } from './platform/observability/logger';
import { createMetrics } from './platform/observability/metrics';
import type { Platform } from './platform/platform';
import { createBus } from './platform/realtime/create-bus';
import { realtimePlugin } from './platform/realtime/plugin';
import { tuneRuntime } from './platform/runtime';
import { appRouter } from './router';
import { runSeeders } from './seed';

export interface PlatformOptions {
  /** An already open database (tests pass a throwaway one). */
  database?: Database;
  clock?: Clock;
  /** Skip migrations (the caller ran them). */
  migrated?: boolean;
  /** Extra queues, cron entries and event consumers (tests). */
  jobs?: JobsOptions;
  /** The logger (tests capture what is logged); default: JSON lines on stdout at LOG_LEVEL. */
  log?: Logger;
}

/** Composition root: opens the database, runs migrations, builds the shared machinery. */
export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  const database = opts.database ?? (await openDatabase(config));
  if (!opts.migrated) await runMigrations(database);
  const db = database.db;
  const defaultChannelId = await ensureDefaultChannel(database);
  const bus = await createBus(config, log);
  // The job system reads the platform lazily: handlers get the finished object.
  const platform: Platform = {
    config,
    database,
    db,
    log,
    clock,
    bus,
    cache: await createCacheHub(bus, clock),
    limiter: config.REDIS_URL
      ? createRedisRateLimiter(config.REDIS_URL, clock)
      : createMemoryRateLimiter(clock),
    jobs: createJobs(() => platform, opts.jobs),
    metrics: createMetrics(),
    defaultChannelId,
  };
  return platform;
}

/** The deployment's first channel is its default; a fresh database gets one. */
async function ensureDefaultChannel(database: Database): Promise<string> {
  const [first] = await database.db
    .select({ id: channels.id })
    .from(channels)
    .orderBy(asc(channels.createdAt))
    .limit(1);
  if (first) return first.id;
  const id = newId();
  await database.db
    .insert(channels)
    .values({ id, slug: 'main', name: 'Live Shopping Network', defaultCurrency: 'USD' })
    .onConflictDoNothing();
  const [row] = await database.db
    .select({ id: channels.id })
    .from(channels)
    .orderBy(asc(channels.createdAt))
    .limit(1);
  return row!.id;
}

export async function createServer(platform: Platform): Promise<FastifyInstance> {
  return buildServer(platform, {
    router: appRouter,
    plugins: [
      healthPlugin(platform, [{ name: 'jobs', check: () => platform.jobs.ready() }]),
      openApiPlugin(platform, appRouter),
      webPlugin(platform, { router: appRouter }),
      realtimePlugin(platform),
    ],
  });
}

export interface Running {
  platform: Platform;
  server?: FastifyInstance;
  url?: string;
  stop(): Promise<void>;
}

/** Starts the roles this process runs (ROLES), on the given or configured database. */
export async function start(config: Config, opts: PlatformOptions = {}): Promise<Running> {
  tuneRuntime();
  const platform = await createPlatform(config, opts);
  if (config.SEED_DEMO) await runSeeders(platform, { demo: true });
  let server: FastifyInstance | undefined;
  let url: string | undefined;
  if (config.ROLES.includes('worker')) await platform.jobs.start();
  if (config.ROLES.includes('api')) {
    server = await createServer(platform);
    url = await server.listen({ port: config.PORT, host: config.HOST });
  }
  let stopping: Promise<void> | undefined;
  return {
    platform,
    server,
    url,
    stop() {
      stopping ??= stopRoles(platform, server);
      return stopping;
    },
  };
}

/** How long requests in flight get to finish once a node stops; then their connections are cut. */
export const HTTP_DRAIN_MS = 4_000;

/**
 * Stops a node in order, within about 9 s (main.ts exits anyway after 10): the HTTP server first (no new
 * connections, WebSockets closed with 1001 so clients resume elsewhere, requests in flight get
 * HTTP_DRAIN_MS to finish, kept-alive connections close as soon as they are idle), then the job system
 * (running jobs get a grace period to finish; those still running go back to the queue as retries), then
 * the shared machinery and the database (which releases the data-folder lock).
 */
async function stopRoles(platform: Platform, server: FastifyInstance | undefined): Promise<void> {
  if (server) {
    const http = server.server;
    const idle = setInterval(() => http.closeIdleConnections(), 100);
    const cut = setTimeout(() => http.closeAllConnections(), HTTP_DRAIN_MS);
    try {
      await server.close();
    } finally {
      clearInterval(idle);
      clearTimeout(cut);
    }
  }
  await platform.jobs.stop();
  await platform.cache.close();
  await platform.bus.close();
  await platform.limiter.close();
  await platform.database.close();
}
