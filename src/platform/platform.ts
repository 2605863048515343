import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { CacheHub } from './cache';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Actor } from './context';
import type { Database, Db } from './db';
import type { RateLimiter } from './http';
import type { Jobs } from './jobs';
import type { Registry } from './kit';
import type { Metrics } from './observability';
import type { Bus } from './realtime';

/** The parts of a request authentication reads (an HTTP request, or what a socket handshake carries). */
export type AuthRequest = Pick<FastifyRequest, 'headers' | 'cookies' | 'ip' | 'hostname'>;

/**
 * Who is calling, provided by the auth slice to the layers below it (HTTP, realtime), which would
 * otherwise have to import it and close a circle.
 */
export interface IdentityPort {
  /** The actor behind a request's credentials; throws UNAUTHORIZED for a bad API key. */
  authenticate(req: AuthRequest, channelId: string, reply?: FastifyReply): Promise<Actor>;
  /** The cache tags an actor's identity was built from (user, session, API key). */
  tagsOf(actor: Actor): string[];
  /** The cookie that carries a browser session. */
  sessionCookie: string;
}

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
  /** Every module's manifest, checked and merged (permissions, queues, topics, routers...). */
  registry: Registry;
  identity: IdentityPort;
  /** The channel served when a request's host names no other. */
  defaultChannelId: string;
}
