import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import type { AnyRouter } from '@trpc/server';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import { fastifyTRPCOpenApiPlugin } from 'trpc-to-openapi';
import { newId } from '../ids';
import { RequestLogger } from '../observability';
import type { Platform } from '../platform';
import { createRequestContext } from './context';
import { csrfGuard, ensureCsrfCookie } from './csrf';
import { jsonHasNul, nulError, queryHasNul } from './nul';
import { rateLimitHook } from './rate-limit-hook';
import { securityHeaders, securityHeadersFor } from './security-headers';
import { trpcRoute } from './trpc-route';
import { registerWebhookRoutes } from './webhooks';

export interface ServerParts {
  router: AnyRouter;
  /** Extra routes (health, metrics, docs, web pages, WebSocket) registered by the composition root. */
  plugins?: Array<(app: FastifyInstance) => Promise<void> | void>;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Request ids only need to be unique: a random node prefix plus a counter, instead of a UUID per request
 * (whose random bytes cost a system call on every request).
 */
const nodePrefix = newId().slice(-12);
let requestSeq = 0;
const nextRequestId = () => `${nodePrefix}-${(++requestSeq).toString(36)}`;

export async function buildServer(platform: Platform, parts: ServerParts): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log as unknown as FastifyBaseLogger,
    // One log line per request (in onResponse, below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Fastify also takes a hop count at run time; its types only list boolean and addresses.
    trustProxy: config.TRUST_PROXY as boolean | string,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : nextRequestId();
    },
    routerOptions: { maxParamLength: 500 },
    childLoggerFactory: (logger, bindings) =>
      new RequestLogger(logger as unknown as Logger, bindings) as unknown as FastifyBaseLogger,
  });

  // Hooks take callbacks, not async functions: each async hook costs a promise and a microtask turn on
  // every request, and none of these waits for anything.
  const security = securityHeaders(config);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(securityHeadersFor(security, req.url));
    reply.header('x-request-id', req.id);
    done(queryHasNul(req.url) ? nulError() : undefined);
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie, { secret: config.SESSION_SECRET });

  // prom-client hashes the label values on every labels() call; keep each series' child instead.
  const series = new Map<string, ReturnType<typeof platform.metrics.httpDuration.labels>>();
  const durationOf = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let child = series.get(key);
    if (!child) {
      child = platform.metrics.httpDuration.labels(method, route, String(status));
      series.set(key, child);
    }
    return child;
  };
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    durationOf(req.method, route, reply.statusCode).observe(reply.elapsedTime / 1000);
    if (platform.log.isLevelEnabled('info')) {
      req.log.info(
        {
          method: req.method,
          url: req.url.split('?')[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      );
    }
    done();
  });
  app.addHook('onRequest', rateLimitHook(platform));
  app.addHook('onRequest', csrfGuard);
  app.addHook('onSend', ensureCsrfCookie(config));

  // PostgreSQL text cannot hold NUL characters: refuse them at the door with a 400 instead of a database error.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (jsonHasNul(body as string)) return done(nulError(), undefined);
    defaultJson(req, body as string, done);
  });

  // Malformed JSON and oversized bodies are the client's fault: 4xx with a clear message.
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    reply.status(status).send({
      error: status >= 500 ? 'Internal Server Error' : err.name,
      code: err.code,
      message: status >= 500 ? 'Something went wrong on our side. It has been logged.' : err.message,
      requestId: req.id,
    });
  });
  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .send({ error: 'Not Found', message: `No route for ${req.method} ${req.url.split('?')[0]}` });
  });

  const createContext = ({ req, res }: { req: FastifyRequest; res: FastifyReply }) =>
    createRequestContext(platform, req, res);

  await trpcRoute({
    prefix: '/trpc',
    router: parts.router,
    createContext,
    maxBatchSize: 20,
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        platform.log.error({ err: error.cause ?? error, path }, 'trpc error');
    },
  })(app);

  await app.register(async (api) => {
    await api.register(fastifyTRPCOpenApiPlugin, {
      basePath: '/api/v1',
      router: parts.router,
      createContext,
      maxBodySize: config.BODY_LIMIT_BYTES,
    } as never);
  });

  await registerWebhookRoutes(app, platform);
  for (const plugin of parts.plugins ?? []) await plugin(app);
  return app;
}
