import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import type { AnyRouter, TRPCError } from '@trpc/server';
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
import { checkedJsonParser, guardApiScope } from './api-guards';
import { createRequestContext } from './context';
import { ensureCsrfCookie } from './csrf';
import { queryError } from './input-checks';
import { trpcCallsOf } from './rate-limit-hook';
import { stampRouteKind } from './route-kind';
import { securityHeaders, securityHeadersFor } from './security-headers';
import { trpcRoute } from './trpc-route';
import { registerUploadRoutes } from './uploads';
import { registerWebhookRoutes } from './webhooks';

export interface ServerParts {
  router: AnyRouter;
  /** Extra routes (health, metrics, docs, web pages, WebSocket) registered by the composition root. */
  plugins?: Array<(app: FastifyInstance) => Promise<void> | void>;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,128}$/;

const notFields = () =>
  Object.assign(new Error('The request body must be a JSON object of named fields'), {
    statusCode: 400,
    code: 'BAD_REQUEST',
    name: 'Bad Request',
  });

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

  // Every route is stamped with its kind when registered, so per-request rules read the matched route,
  // never the URL's spelling (route-kind.ts). Added first: plugins registered later inherit it.
  app.addHook('onRoute', stampRouteKind);

  // Hooks take callbacks, not async functions: each async hook costs a promise and a microtask turn on
  // every request, and none of these waits for anything.
  const security = securityHeaders(config);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(securityHeadersFor(security, req));
    reply.header('x-request-id', req.id);
    // The query as the router decoded it: a NUL or a lone surrogate in any parameter is a 400 naming it.
    // (Refused here, before the cookie hook: such a request has no cookies parsed, and gets no token.)
    done(queryError(req.query));
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
  // One line per request. A server error is written at error level whatever LOG_LEVEL says, with the
  // request id the client was given, so every 500 (whichever route or adapter produced it) can be found;
  // where the failure was caught, a line with the error itself carries the same id. 503 is what a node
  // that is not ready or is shutting down answers: not a failure.
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    durationOf(req.method, route, status).observe(reply.elapsedTime / 1000);
    const failed = status >= 500 && status !== 503;
    if (failed || platform.log.isLevelEnabled('info')) {
      const line = {
        method: req.method,
        url: req.url.split('?')[0],
        status,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      };
      if (failed) req.log.error(line, 'request');
      else req.log.info(line, 'request');
    }
    done();
  });
  app.addHook('onSend', ensureCsrfCookie(config));

  // JSON bodies anywhere: NUL, lone surrogates and absurd nesting are refused before parsing (input-checks.ts).
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, checkedJsonParser(defaultJson));

  // Malformed JSON and oversized bodies are the client's fault: 4xx with a clear message.
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; field?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    reply.status(status).send({
      error: status >= 500 ? 'Internal Server Error' : err.name,
      code: err.code,
      message: status >= 500 ? 'Something went wrong on our side. It has been logged.' : err.message,
      ...(err.field && status < 500 ? { field: err.field } : {}),
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

  /** A failure before the procedure ran (no context yet); the procedure's own failures are logged by its guard. */
  const logEarlyFailure = (err: { code: string; cause?: unknown }, req: FastifyRequest, path?: string) => {
    if (err.code === 'INTERNAL_SERVER_ERROR')
      req.log.error({ err: err.cause ?? err, path }, 'request failed');
  };

  // The API: tRPC and REST in one scope, whose hooks guard every route in it (api-guards.ts).
  await app.register(async (api) => {
    guardApiScope(api, platform, { callsOf: trpcCallsOf });
    await trpcRoute({
      prefix: '/trpc',
      router: parts.router,
      createContext,
      maxBatchSize: 20,
      onError({ error, path, req, ctx }) {
        if (!ctx) logEarlyFailure(error, req, path);
      },
    })(api);
    // Files as raw bodies (a manifest's `uploads`), under the same guards.
    await registerUploadRoutes(api, platform, createContext);
    // REST: trpc-to-openapi spreads the body into the input, so `[]`, `null` or `12` would arrive as `{}`
    // and run. Its own scope, so tRPC's bodies (text it parses itself) are not judged by this hook.
    await api.register(async (rest) => {
      rest.addHook('preValidation', (req, _reply, done) => {
        const body = req.body;
        const fields =
          body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body));
        done(fields ? undefined : notFields());
      });
      await rest.register(fastifyTRPCOpenApiPlugin, {
        basePath: '/api/v1',
        router: parts.router,
        createContext,
        maxBodySize: config.BODY_LIMIT_BYTES,
        // The adapter reports every failure here and logs none itself.
        onError({
          error,
          path,
          req,
          ctx,
        }: {
          error: TRPCError;
          path?: string;
          req: FastifyRequest;
          ctx?: unknown;
        }) {
          if (!ctx) logEarlyFailure(error, req, path);
        },
      } as never);
    });
  });

  await registerWebhookRoutes(app, platform);
  for (const plugin of parts.plugins ?? []) await plugin(app);
  return app;
}
