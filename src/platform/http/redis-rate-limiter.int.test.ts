import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import { createMemoryRateLimiter } from './memory-rate-limiter';
import type { BackoffPolicy } from './rate-limit';
import { createRedisRateLimiter } from './redis-rate-limiter';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `lsn:test:rl:${randomUUID()}:`;

class ManualClock implements Clock {
  constructor(public ms: number) {}
  now() {
    return new Date(this.ms);
  }
}

afterAll(async () => {
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('Redis rate limiter', () => {
  it('allows `limit` hits in a window, then answers 429-style with a Retry-After', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1, 0, 0, 1));
    const limiter = createRedisRateLimiter(REDIS, clock, { prefix });
    try {
      const key = `k-${randomUUID()}`;
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await limiter.hit(key, 5, 60_000));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
      expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
      expect(results[5]!.retryAfterSeconds).toBeGreaterThan(0);
      // Just into the next window the previous one still weighs almost fully…
      clock.ms += 60_000;
      expect((await limiter.hit(key, 5, 60_000)).allowed).toBe(false);
      // …and is forgotten two windows later.
      clock.ms += 60_000;
      expect((await limiter.hit(key, 5, 60_000)).allowed).toBe(true);
      await limiter.reset(key);
    } finally {
      await limiter.close();
    }
  });

  it('a hit can cost several: a batch of 3 takes 3 of 5, the next batch of 3 is refused and counts nothing', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1, 0, 0, 1));
    const limiter = createRedisRateLimiter(REDIS, clock, { prefix });
    try {
      const key = `cost-${randomUUID()}`;
      const first = await limiter.hit(key, 5, 60_000, 3);
      expect(first).toMatchObject({ allowed: true, remaining: 2 });
      expect((await limiter.hit(key, 5, 60_000, 3)).allowed).toBe(false);
      expect(await limiter.hit(key, 5, 60_000, 2)).toMatchObject({ allowed: true, remaining: 0 });
    } finally {
      await limiter.close();
    }
  });

  it('is shared by every node: two limiters on one Redis count together', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const a = createRedisRateLimiter(REDIS, clock, { prefix });
    const b = createRedisRateLimiter(REDIS, clock, { prefix });
    try {
      const key = `shared-${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit(key, 25, 60_000)),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(25);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('gives exactly the memory limiter’s answers for any sequence of hits and pauses', async () => {
    const redisClock = new ManualClock(0);
    const redis = createRedisRateLimiter(REDIS, redisClock, { prefix });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 8 }),
          fc.constantFrom(1000, 10_000, 60_000),
          // Each hit with a gap before it and a cost (a tRPC batch counts each of its calls).
          fc.array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 4 })), {
            minLength: 1,
            maxLength: 40,
          }),
          async (limit, windowMs, hits) => {
            const start = Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 1e6);
            const memClock = new ManualClock(start);
            redisClock.ms = start;
            const memory = createMemoryRateLimiter(memClock);
            const key = `prop-${randomUUID()}`;
            for (const [gap, cost] of hits) {
              memClock.ms += gap;
              redisClock.ms += gap;
              expect(await redis.hit(key, limit, windowMs, cost)).toEqual(
                await memory.hit(key, limit, windowMs, cost),
              );
            }
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await redis.close();
    }
  });

  it('gives exactly the memory limiter’s back-off answers for any sequence of attempts, pauses and forgiveness', async () => {
    const redisClock = new ManualClock(0);
    const redis = createRedisRateLimiter(REDIS, redisClock, { prefix });
    const policies: BackoffPolicy[] = [
      { free: 2, baseMs: 1000, maxMs: 8000, forgetMs: 20_000 },
      { free: 0, baseMs: 500, maxMs: 60_000, forgetMs: 5_000 },
    ];
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              gap: fc.integer({ min: 0, max: 30_000 }),
              forgive: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
              keys: fc.subarray([0, 1], { minLength: 1 }),
            }),
            { minLength: 1, maxLength: 30 },
          ),
          async (steps) => {
            const start = Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 1e6);
            const memClock = new ManualClock(start);
            redisClock.ms = start;
            const memory = createMemoryRateLimiter(memClock);
            const run = randomUUID();
            for (const step of steps) {
              memClock.ms += step.gap;
              redisClock.ms += step.gap;
              const counts = step.keys.map((k) => ({ key: `bo-${run}-${k}`, policy: policies[k]! }));
              expect(await redis.attempt(counts)).toEqual(await memory.attempt(counts));
              if (step.forgive !== undefined) {
                const key = counts[0]!.key;
                await redis.forgive(key, step.forgive || undefined);
                await memory.forgive(key, step.forgive || undefined);
              }
            }
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await redis.close();
    }
  });

  it('back-off is shared by every node: parallel attempts from two nodes pass the free budget only once', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const a = createRedisRateLimiter(REDIS, clock, { prefix });
    const b = createRedisRateLimiter(REDIS, clock, { prefix });
    try {
      const policy = { free: 5, baseMs: 1000, maxMs: 60_000, forgetMs: 900_000 };
      const key = `login-${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).attempt([{ key, policy }])),
      );
      // Five free failures, then the sixth starts the delay: everything after it waits.
      expect(results.filter((r) => r.allowed)).toHaveLength(6);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
