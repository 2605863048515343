import {
  type AnyRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { getHTTPStatusCodeFromError, resolveResponse } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkedJsonParser } from './api-guards';
import type { RequestContext } from './context';
import { jsonTextError } from './input-checks';
import { type DirectCall, directCall } from './trpc';

export interface TrpcRouteOptions {
  prefix: `/${string}`;
  router: AnyRouter;
  createContext: (opts: { req: FastifyRequest; res: FastifyReply }) => Promise<RequestContext>;
  maxBatchSize?: number;
  /** Every failure; `ctx` is undefined when it happened before the procedure ran (the context failed). */
  onError?: (opts: {
    error: TRPCError;
    path: string | undefined;
    req: FastifyRequest;
    ctx: RequestContext | undefined;
  }) => void;
}

/**
 * tRPC over Fastify. A single call (one query by GET, one mutation by POST: what API clients and most page
 * loads send) goes straight to the procedure (`directCall`) and back as one JSON write. tRPC's own HTTP
 * layer builds a fetch Request and a streaming Response for every call, which measured here at about 4k
 * req/s on a trivial query against 60k for a plain route; batches and anything unusual still go through
 * it, so behaviour is tRPC's own (tests check both paths answer alike).
 */
export function trpcRoute(opts: TrpcRouteOptions) {
  const { router } = opts;
  const procedures = router._def.procedures as Record<string, { _def: { type: string } } | undefined>;
  const direct = new Map<string, DirectCall>();
  for (const [path, p] of Object.entries(procedures)) direct.set(path, directCall(p!));
  const config = router._def._config;

  async function single(req: FastifyRequest, reply: FastifyReply, path: string, type: 'query' | 'mutation') {
    let ctx: RequestContext | undefined;
    let input: unknown;
    let status = 200;
    let body: unknown;
    try {
      const raw = type === 'query' ? (req.query as Record<string, unknown>).input : req.body;
      if (typeof raw === 'string' && raw !== '') {
        try {
          input = JSON.parse(raw);
        } catch (cause) {
          throw new TRPCError({ code: 'PARSE_ERROR', message: 'The request body is not valid JSON', cause });
        }
      }
      ctx = await opts.createContext({ req, res: reply });
      const data = await direct.get(path)!(ctx, path, async () => input);
      // tRPC's response transform, without its generic object copies.
      body = { result: { data: config.transformer.output.serialize(data) } };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      opts.onError?.({ error, path, req, ctx });
      status = getHTTPStatusCodeFromError(error);
      body = transformTRPCResponse(config, {
        error: getErrorShape({ config, error, type, path, input, ctx }),
      });
    }
    return reply.status(status).type('application/json').send(JSON.stringify(body));
  }

  async function general(req: FastifyRequest, reply: FastifyReply, path: string) {
    const raw = req.raw as typeof req.raw & { body?: unknown };
    if (req.body !== undefined) raw.body = req.body;
    const response = await resolveResponse({
      router,
      req: incomingMessageToRequest(raw, reply.raw, { maxBodySize: null }),
      path,
      error: null,
      maxBatchSize: opts.maxBatchSize,
      createContext: () => opts.createContext({ req, res: reply }),
      onError: ({ error, path: p, ctx }) => opts.onError?.({ error, path: p, req, ctx }),
    });
    reply.status(response.status);
    for (const [key, value] of response.headers) if (key !== 'set-cookie') reply.header(key, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length) reply.header('set-cookie', [...toArray(reply.getHeader('set-cookie')), ...cookies]);
    return reply.send(Buffer.from(await response.arrayBuffer()));
  }

  return async (app: FastifyInstance) => {
    await app.register(async (scope) => {
      // tRPC parses its own bodies (JSON and batches): hand it the text, once checked.
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, checkedJsonParser());
      // The query's `input` is JSON too (queries and batches): the same checks as a body.
      scope.addHook('onRequest', (req, _reply, done) => {
        const input = (req.query as Record<string, unknown>).input;
        done(typeof input === 'string' ? jsonTextError(input) : undefined);
      });
      scope.all<{ Params: { path: string } }>(`${opts.prefix}/:path`, (req, reply) => {
        const path = req.params.path;
        const type = procedures[path]?._def.type;
        const batch = (req.query as Record<string, unknown>).batch !== undefined;
        if (!batch && type === 'query' && req.method === 'GET') return single(req, reply, path, 'query');
        if (!batch && type === 'mutation' && req.method === 'POST')
          return single(req, reply, path, 'mutation');
        return general(req, reply, path);
      });
    });
  };
}

function toArray(v: ReturnType<FastifyReply['getHeader']>): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}
