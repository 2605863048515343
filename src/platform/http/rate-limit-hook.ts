import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../platform';

const LIMITED_PREFIXES = ['/trpc', '/api/', '/webhooks/'];

/** Per-client sliding window over the API; 429 with Retry-After when exceeded. */
export function rateLimitHook(platform: Platform) {
  const limit = platform.config.RATE_LIMIT_PER_MINUTE;
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!LIMITED_PREFIXES.some((p) => req.url.startsWith(p))) return;
    const auth = req.headers.authorization;
    const who =
      typeof auth === 'string' && auth.startsWith('Bearer ') ? `key:${auth.slice(7, 23)}` : `ip:${req.ip}`;
    const result = await platform.limiter.hit(`api:${who}`, limit, 60_000);
    reply.header('ratelimit-limit', String(limit));
    reply.header('ratelimit-remaining', String(result.remaining));
    if (!result.allowed) {
      reply
        .status(429)
        .header('retry-after', String(result.retryAfterSeconds))
        .send({
          error: 'Too Many Requests',
          code: 'RATE_LIMITED',
          message: `Slow down: retry in ${result.retryAfterSeconds}s`,
        });
    }
  };
}
