import { Redis } from 'ioredis';
import type { Clock } from '../clock';
import type { RateLimiter, RateLimitResult } from './rate-limit';

/**
 * The memory limiter's algorithm (previous and current fixed windows, the previous weighted by its
 * overlap with the sliding window), run atomically in Redis so every node shares one count per key.
 * The caller's clock is passed in, so tests control time and the result matches the memory limiter.
 * Returns integers only (Lua numbers become Redis integers): allowed, window start, current, previous.
 */
const HIT_SCRIPT = `
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local windowMs = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local start = now - (now % windowMs)
local w = redis.call('HMGET', KEYS[1], 'start', 'current', 'previous')
local wstart = tonumber(w[1])
local current = tonumber(w[2]) or 0
local previous = tonumber(w[3]) or 0
if not wstart then
  wstart = start
  current = 0
  previous = 0
elseif wstart ~= start then
  if start - wstart == windowMs then previous = current else previous = 0 end
  current = 0
  wstart = start
end
local weight = 1 - (now - start) / windowMs
local allowed = 0
if previous * weight + current + cost <= limit then
  current = current + cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'start', wstart, 'current', current, 'previous', previous)
redis.call('PEXPIRE', KEYS[1], windowMs * 2)
return {allowed, wstart, current, previous}
`;

type RedisWithHit = Redis & {
  rateLimitHit(
    key: string,
    now: number,
    limit: number,
    windowMs: number,
    cost: number,
  ): Promise<[number, number, number, number]>;
};

export function createRedisRateLimiter(
  url: string,
  clock: Clock,
  opts: { prefix?: string } = {},
): RateLimiter {
  const prefix = opts.prefix ?? 'lsn:rl:';
  const redis = new Redis(url, { maxRetriesPerRequest: 2 }) as RedisWithHit;
  redis.on('error', () => {
    // Reconnects on its own; a hit that cannot reach Redis rejects and the request fails loudly.
  });
  redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });

  return {
    async hit(key, limit, windowMs, cost = 1): Promise<RateLimitResult> {
      const now = clock.now().getTime();
      const [allowed, start, current, previous] = await redis.rateLimitHit(
        prefix + key,
        now,
        limit,
        windowMs,
        cost,
      );
      const weight = 1 - (now - start) / windowMs;
      if (!allowed) {
        // Same arithmetic as the memory limiter: when does the weighted count drop below the limit?
        const needed = previous > 0 ? (1 - (limit - cost - current) / previous) * windowMs : windowMs;
        const retryMs = Math.max(1000, Math.min(windowMs, start + needed - now, start + windowMs - now + 1));
        return { allowed: false, remaining: 0, retryAfterSeconds: Math.ceil(retryMs / 1000) };
      }
      const estimateBefore = previous * weight + current - cost;
      return {
        allowed: true,
        remaining: Math.max(0, Math.floor(limit - estimateBefore - cost)),
        retryAfterSeconds: 0,
      };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
