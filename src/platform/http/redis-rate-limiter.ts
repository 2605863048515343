import { Redis } from 'ioredis';
import type { Clock } from '../clock';
import { type BackoffResult, type RateLimiter, type RateLimitResult, windowRetryMs } from './rate-limit';

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

/**
 * The memory limiter's back-off (rate-limit.ts: backoffDelayMs, decayedFailures) over several counters
 * at once, atomically: refused while any counter waits out its delay (nothing counted), else each counts
 * one failure. ARGV: now, then free, baseMs, maxMs, forgetMs per key. Returns allowed, wait ms, then the
 * failures per key. Each counter expires once its delay is over and every failure is forgotten.
 */
const ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[1])
local function delay(n, free, base, max)
  if n <= free then return 0 end
  return math.min(max, base * 2 ^ math.min(n - free - 1, 40))
end
local counts = {}
local wait = 0
for i = 1, #KEYS do
  local a = 1 + (i - 1) * 4
  local free, base, max, forget = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
  local s = redis.call('HMGET', KEYS[i], 'n', 'last')
  local n = tonumber(s[1]) or 0
  local last = tonumber(s[2]) or 0
  if n > 0 then
    wait = math.max(wait, last + delay(n, free, base, max) - now)
    n = math.max(0, n - math.floor(math.max(0, now - last) / forget))
  end
  counts[i] = n
end
if wait > 0 then return {0, wait, unpack(counts)} end
for i = 1, #KEYS do
  local a = 1 + (i - 1) * 4
  local free, base, max, forget = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
  local n = counts[i] + 1
  counts[i] = n
  redis.call('HSET', KEYS[i], 'n', n, 'last', now)
  redis.call('PEXPIRE', KEYS[i], delay(n, free, base, max) + n * forget + 1)
end
return {1, 0, unpack(counts)}
`;

/** Takes failures back (ARGV[1]; -1: all of them). The expiry stays: it can only have been generous. */
const FORGIVE_SCRIPT = `
local n = tonumber(redis.call('HGET', KEYS[1], 'n'))
if not n then return 0 end
local k = tonumber(ARGV[1])
if k < 0 or n <= k then
  redis.call('DEL', KEYS[1])
  return 0
end
redis.call('HSET', KEYS[1], 'n', n - k)
return n - k
`;

type RedisWithHit = Redis & {
  rateLimitHit(
    key: string,
    now: number,
    limit: number,
    windowMs: number,
    cost: number,
  ): Promise<[number, number, number, number]>;
  backoffAttempt(...args: Array<string | number>): Promise<number[]>;
  backoffForgive(key: string, failures: number): Promise<number>;
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
  redis.defineCommand('backoffAttempt', { lua: ATTEMPT_SCRIPT });
  redis.defineCommand('backoffForgive', { numberOfKeys: 1, lua: FORGIVE_SCRIPT });

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
        const retryMs = windowRetryMs(now, start, windowMs, { previous, current }, limit, cost);
        return { allowed: false, remaining: 0, retryAfterSeconds: Math.ceil(retryMs / 1000) };
      }
      const estimateBefore = previous * weight + current - cost;
      return {
        allowed: true,
        remaining: Math.max(0, Math.floor(limit - estimateBefore - cost)),
        retryAfterSeconds: 0,
      };
    },
    async attempt(counts): Promise<BackoffResult> {
      if (!counts.length) return { allowed: true, retryAfterSeconds: 0, failures: [] };
      const args: Array<string | number> = [counts.length];
      for (const c of counts) args.push(prefix + c.key);
      args.push(clock.now().getTime());
      for (const { policy: p } of counts) args.push(p.free, p.baseMs, p.maxMs, p.forgetMs);
      const [allowed, waitMs, ...failures] = await redis.backoffAttempt(...args);
      return {
        allowed: allowed === 1,
        retryAfterSeconds: allowed === 1 ? 0 : Math.ceil(waitMs! / 1000),
        failures,
      };
    },
    async forgive(key, failures) {
      await redis.backoffForgive(prefix + key, failures ?? -1);
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
