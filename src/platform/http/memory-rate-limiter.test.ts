import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { createMemoryRateLimiter } from './memory-rate-limiter';
import type { BackoffPolicy, RateLimitResult } from './rate-limit';

const MINUTE = 60_000;

describe('memory rate limiter: the periodic sweep', () => {
  it('a 15-minute counter survives a flood of requests counted in 60-second windows', () => {
    const clock = fixedClock('2030-01-01T00:00:30Z');
    const limiter = createMemoryRateLimiter(clock);
    for (let i = 0; i < 3; i++)
      expect(limiter.hit('login:ip:198.51.100.7', 3, 15 * MINUTE)).toMatchObject({ allowed: true });
    expect(limiter.hit('login:ip:198.51.100.7', 3, 15 * MINUTE)).toMatchObject({ allowed: false });

    // Three minutes later, ~10,500 junk requests (each counted by the API limiter in a 60 s window) make
    // the sweep run; it once judged every key by the caller's window and dropped the 15-minute counter.
    clock.advance(3 * MINUTE);
    for (let i = 0; i < 10_500; i++) limiter.hit(`api:ip:203.0.113.${i % 250}`, 600, MINUTE);

    expect(limiter.hit('login:ip:198.51.100.7', 3, 15 * MINUTE)).toMatchObject({ allowed: false });
  });

  it('still drops what has run out, each entry by its own lifetime', async () => {
    const clock = fixedClock('2030-01-01T00:00:00Z');
    const limiter = createMemoryRateLimiter(clock);
    const policy: BackoffPolicy = { free: 0, baseMs: 1000, maxMs: 60_000, forgetMs: 10 * MINUTE };
    limiter.hit('short', 1, MINUTE);
    limiter.hit('long', 1, 60 * MINUTE);
    limiter.attempt([{ key: 'failures', policy }]);
    clock.advance(5 * MINUTE);
    for (let i = 0; i < 10_000; i++) limiter.hit(`junk:${i % 10}`, 1_000_000, MINUTE);
    // The short window ran out and was swept (a fresh window allows again); the others are kept.
    expect((await limiter.hit('short', 1, MINUTE)).allowed).toBe(true);
    expect((await limiter.hit('long', 1, 60 * MINUTE)).allowed).toBe(false);
    expect((await limiter.attempt([{ key: 'failures', policy }])).failures).toEqual([2]);
  });
});

describe('memory rate limiter: back-off counters', () => {
  const policy: BackoffPolicy = { free: 3, baseMs: 1000, maxMs: 8000, forgetMs: 15 * MINUTE };

  it('free failures cost nothing, then each failure doubles the wait up to the cap; a refused attempt counts nothing', () => {
    const clock = fixedClock('2030-01-01T00:00:00Z');
    const limiter = createMemoryRateLimiter(clock);
    const attempt = () =>
      limiter.attempt([{ key: 'acct', policy }]) as {
        allowed: boolean;
        retryAfterSeconds: number;
        failures: number[];
      };
    for (let i = 1; i <= 3; i++)
      expect(attempt()).toEqual({ allowed: true, retryAfterSeconds: 0, failures: [i] });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(attempt().allowed).toBe(true);
      const refused = attempt();
      expect(refused.allowed).toBe(false);
      waits.push(refused.retryAfterSeconds);
      clock.advance(refused.retryAfterSeconds * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
    expect(attempt().failures).toEqual([10]);
  });

  it('forgets one failure per quiet forgetMs, and forgive takes failures back', async () => {
    const clock = fixedClock('2030-01-01T00:00:00Z');
    const limiter = createMemoryRateLimiter(clock);
    for (let i = 0; i < 5; i++) {
      limiter.attempt([{ key: 'ip', policy }]);
      clock.advance(8000);
    }
    clock.advance(2 * 15 * MINUTE);
    // 5 failures, two forgotten, plus this one.
    expect((await limiter.attempt([{ key: 'ip', policy }])).failures).toEqual([4]);
    await limiter.forgive('ip', 2);
    expect((await limiter.attempt([{ key: 'ip', policy }])).failures).toEqual([3]);
    await limiter.forgive('ip');
    expect((await limiter.attempt([{ key: 'ip', policy }])).failures).toEqual([1]);
  });

  it('counts all keys or none: a key in its delay refuses the attempt without counting against the others', async () => {
    const clock = fixedClock('2030-01-01T00:00:00Z');
    const limiter = createMemoryRateLimiter(clock);
    const strict: BackoffPolicy = { ...policy, free: 0 };
    expect((await limiter.attempt([{ key: 'a', policy: strict }])).allowed).toBe(true);
    const both = await limiter.attempt([
      { key: 'b', policy },
      { key: 'a', policy: strict },
    ]);
    expect(both).toEqual({ allowed: false, retryAfterSeconds: 1, failures: [0, 1] });
    clock.advance(1000);
    expect((await limiter.attempt([{ key: 'b', policy }])).failures).toEqual([1]);
  });
});

describe('memory rate limiter: Retry-After', () => {
  const HOUR = 60 * MINUTE;

  it('a limit reached just before the hour turns is not lifted when it turns: the count carries over', () => {
    // 5 an hour, all used at 16:59:30: the window turns at 17:00, but a sliding hour still holds all 5.
    const clock = fixedClock(new Date('2026-12-02T16:59:30Z'));
    const memory = createMemoryRateLimiter(clock);
    const limiter = { hit: (k: string, l: number, w: number) => memory.hit(k, l, w) as RateLimitResult };
    for (let i = 0; i < 5; i++) expect(limiter.hit('signup:ip', 5, HOUR)).toMatchObject({ allowed: true });
    const refused = limiter.hit('signup:ip', 5, HOUR);
    expect(refused.allowed).toBe(false);
    // The estimate 5·(1 − x) + 1 ≤ 5 needs x ≥ 0.2 of the next hour: 17:12:00, 12.5 minutes from now.
    expect(refused.retryAfterSeconds).toBe(12.5 * 60);
    clock.set(new Date(clock.now().getTime() + (refused.retryAfterSeconds - 1) * 1000));
    expect(limiter.hit('signup:ip', 5, HOUR).allowed).toBe(false);
    clock.set(new Date(clock.now().getTime() + 1000));
    expect(limiter.hit('signup:ip', 5, HOUR).allowed).toBe(true);
  });

  it('for any history, the request fits exactly when Retry-After says, and not a second before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 90_000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 3 }),
        (limit, gaps, cost) => {
          const clock = fixedClock(new Date('2026-12-02T10:00:00Z'));
          const limiter = createMemoryRateLimiter(clock);
          for (const gap of gaps) {
            clock.set(new Date(clock.now().getTime() + gap));
            const r = limiter.hit('k', limit, MINUTE, cost);
            if (r instanceof Promise || r.allowed || cost > limit) continue;
            const at = clock.now().getTime();
            if (r.retryAfterSeconds > 1) {
              clock.set(new Date(at + (r.retryAfterSeconds - 1) * 1000 - 1));
              const early = limiter.hit('k', limit, MINUTE, cost) as { allowed: boolean };
              if (early.allowed) return false;
            }
            clock.set(new Date(at + r.retryAfterSeconds * 1000));
            return (limiter.hit('k', limit, MINUTE, cost) as { allowed: boolean }).allowed;
          }
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });
});
