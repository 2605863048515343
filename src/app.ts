import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ensureDefaultChannel } from './platform/access';
import { identityPort } from './platform/auth';
import { createCacheHub } from './platform/cache';
import { type Clock, systemClock } from './platform/clock';
import type { Config } from './platform/config';
import { type Database, openDatabase, runMigrations } from './platform/db';
import { logEmailDelivery } from './platform/email';
import {
  buildServer,
  composeRouter,
  createMemoryRateLimiter,
  createRedisRateLimiter,
  openApiPlugin,
  webPlugin,
} from './platform/http';
import { createJobs, type JobsOptions } from './platform/jobs';
import { composeModules, type ModuleManifest, runSeeders } from './platform/kit';
import { mediaFilesPlugin, mediaStorage } from './platform/media';
import { createLogger, createMetrics, healthPlugin } from './platform/observability';
import type { Platform } from './platform/platform';
import { createBus, realtimePlugin } from './platform/realtime';
import { tuneRuntime } from './platform/runtime';
import { appModules } from './router';

export interface PlatformOptions {
  /** An already open database (tests pass a throwaway one). */
  database?: Database;
  clock?: Clock;
  /** Skip migrations (the caller ran them). */
  migrated?: boolean;
  /** Modules served after the product's own (tests register throwaway modules this way). */
  modules?: readonly ModuleManifest[];
  /** Job system tuning (polling and metrics intervals). */
  jobs?: JobsOptions;
  /** The logger (tests capture what is logged); default: JSON lines on stdout at LOG_LEVEL. */
  log?: Logger;
}

/** Composition root: opens the database, runs migrations, builds the shared machinery. */
export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  // A manifest that contradicts another stops start-up before anything is opened.
  const registry = composeModules([...appModules, ...(opts.modules ?? [])]);
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  const database = opts.database ?? (await openDatabase(config));
  if (!opts.migrated) await runMigrations(database);
  const db = database.db;
  const defaultChannelId = await ensureDefaultChannel(db);
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
    jobs: createJobs(() => platform, registry, opts.jobs),
    metrics: createMetrics(),
    registry,
    identity: identityPort(() => platform),
    defaultChannelId,
  };
  // The job system starts now on every node, not at the first send: a first send from inside a
  // transaction (an email with a sign-up) would otherwise start it there, and on the embedded database,
  // whose one connection the transaction holds, the start would wait for the transaction forever.
  await platform.jobs.ready();
  return platform;
}

export async function createServer(platform: Platform): Promise<FastifyInstance> {
  const router = composeRouter(platform.registry.modules);
  return buildServer(platform, {
    router,
    plugins: [
      healthPlugin(platform),
      openApiPlugin(platform, router),
      webPlugin(platform, { router }),
      realtimePlugin(platform),
      mediaFilesPlugin(platform),
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
  logEmailDelivery(platform);
  platform.log.info(
    { media: mediaStorage(platform).kind },
    `Media are kept on ${mediaStorage(platform).description}`,
  );
  if (config.NODE_ENV === 'production' && config.SEED_DEMO)
    platform.log.warn('SEED_DEMO=true in production: demo accounts with published passwords are created');
  // Production always ensures its founder (a one-time set-password link); demo data only on request.
  if (config.SEED_DEMO || config.NODE_ENV === 'production')
    await runSeeders(platform, { demo: config.SEED_DEMO });
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
