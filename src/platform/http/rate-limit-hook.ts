import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Platform } from '../platform';
import type { RateLimitResult } from './rate-limit';

const LIMITED_PREFIXES = ['/trpc', '/api/', '/webhooks/'];

/**
 * Per-client sliding window over the API; 429 with Retry-After when exceeded. A callback hook, not an
 * async one: the memory limiter answers synchronously, and only the Redis one costs a round trip.
 */
export function rateLimitHook(platform: Platform) {
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
    if (!LIMITED_PREFIXES.some((p) => req.url.startsWith(p))) return done();
    const auth = req.headers.authorization;
    const who =
      typeof auth === 'string' && auth.startsWith('Bearer ') ? `key:${auth.slice(7, 23)}` : `ip:${req.ip}`;
    const result = platform.limiter.hit(`api:${who}`, limit, 60_000);
    if (result instanceof Promise) result.then((r) => answer(reply, done, r), done);
    else answer(reply, done, result);
  };
}
