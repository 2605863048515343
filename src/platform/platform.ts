import type { Logger } from 'pino';
import type { CacheHub } from './cache';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { RateLimiter } from './http/rate-limit';
import type { Jobs } from './jobs';
import type { Metrics } from './observability/metrics';
import type { Bus } from './realtime/bus';

/** The machinery every module uses, built once by the composition root (src/app.ts). */
export interface Platform {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  clock: Clock;
  bus: Bus;
  /** In-process caches with tag invalidation that reaches every node. */
  cache: CacheHub;
  limiter: RateLimiter;
  jobs: Jobs;
  metrics: Metrics;
  /** The channel served when a request's host names no other. */
  defaultChannelId: string;
}
