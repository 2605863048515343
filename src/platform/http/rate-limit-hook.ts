import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Platform } from '../platform';
import type { RateLimitResult } from './rate-limit';

/** How many API calls a request makes (a tRPC batch makes one per procedure named in its path). */
export type CallsOf = (req: FastifyRequest) => number;

/**
 * Per-client sliding window over the API; 429 with Retry-After when exceeded. Registered as a hook of the
 * scopes that hold the API's routes (tRPC, REST, webhooks), so it guards whatever spelling of a URL the
 * router matched to them, and nothing else. A callback hook, not an async one: the memory limiter answers
 * synchronously, and only the Redis one costs a round trip.
 */
export function rateLimitHook(platform: Platform, callsOf?: CallsOf) {
  const limit = platform.config.RATE_LIMIT_PER_MINUTE;
  const answer = (reply: FastifyReply, done: HookHandlerDoneFunction, result: RateLimitResult) => {
    reply.header('ratelimit-limit', String(limit));
    reply.header('ratelimit-remaining', String(result.remaining));
    if (result.allowed) return done();
    reply
      .status(429)
      .header('retry-after', String(result.retryAfterSeconds))
      .send({
        error: 'Too Many Requests',
        code: 'RATE_LIMITED',
        message: `Slow down: retry in ${result.retryAfterSeconds}s`,
      });
  };
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const auth = req.headers.authorization;
    const who =
      typeof auth === 'string' && auth.startsWith('Bearer ') ? `key:${auth.slice(7, 23)}` : `ip:${req.ip}`;
    const result = platform.limiter.hit(`api:${who}`, limit, 60_000, callsOf ? callsOf(req) : 1);
    if (result instanceof Promise) result.then((r) => answer(reply, done, r), done);
    else answer(reply, done, result);
  };
}

/** tRPC: `/trpc/a,b,c?batch=1` calls three procedures, and counts as three. */
export const trpcCallsOf: CallsOf = (req) => {
  const path = (req.params as { path?: string }).path;
  if (!path) return 1;
  let calls = 1;
  for (let i = path.indexOf(','); i >= 0; i = path.indexOf(',', i + 1)) calls++;
  return calls;
};
