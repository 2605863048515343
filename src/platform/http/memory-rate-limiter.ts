import type { Clock } from '../clock';
import {
  type BackoffResult,
  backoffDelayMs,
  decayedFailures,
  type RateLimiter,
  type RateLimitResult,
  windowRetryMs,
} from './rate-limit';

/** Entries are swept every this many operations: O(1) per call on average, memory bounded by activity. */
const SWEEP_EVERY = 10_000;

interface Window {
  start: number;
  current: number;
  previous: number;
  /** Each key's own window: a sweep must never judge a 15-minute counter by a 60-second caller. */
  windowMs: number;
}

interface Backoff {
  failures: number;
  last: number;
  /** When nothing of it matters any more: its delay is over and every failure forgotten. */
  until: number;
}

/**
 * Sliding window, approximated with the previous and current fixed windows weighted by overlap
 * (the approach Cloudflare describes): O(1) memory per key, smooth at window edges. Back-off counters
 * for the sign-in throttle live beside the windows. A periodic sweep drops what has run out, each entry
 * by its own lifetime.
 */
export function createMemoryRateLimiter(clock: Clock): RateLimiter {
  const windows = new Map<string, Window>();
  const backoffs = new Map<string, Backoff>();
  let operations = 0;
  const tick = (now: number) => {
    if (++operations % SWEEP_EVERY === 0) sweep(now);
  };

  return {
    hit(key, limit, windowMs, cost = 1): RateLimitResult {
      const now = clock.now().getTime();
      const start = now - (now % windowMs);
      let w = windows.get(key);
      if (!w) {
        w = { start, current: 0, previous: 0, windowMs };
        windows.set(key, w);
      } else if (w.start !== start) {
        w.previous = start - w.start === windowMs ? w.current : 0;
        w.current = 0;
        w.start = start;
        w.windowMs = windowMs;
      }
      tick(now);
      const weight = 1 - (now - start) / windowMs;
      const estimate = w.previous * weight + w.current;
      if (estimate + cost > limit) {
        // Time until the weighted count leaves room for this request.
        const retryMs = windowRetryMs(now, start, windowMs, w, limit, cost);
        return { allowed: false, remaining: 0, retryAfterSeconds: Math.ceil(retryMs / 1000) };
      }
      w.current += cost;
      return {
        allowed: true,
        remaining: Math.max(0, Math.floor(limit - estimate - cost)),
        retryAfterSeconds: 0,
      };
    },

    attempt(counts): BackoffResult {
      const now = clock.now().getTime();
      tick(now);
      let waitMs = 0;
      const failures = counts.map(({ key, policy }) => {
        const b = backoffs.get(key);
        if (!b) return 0;
        waitMs = Math.max(waitMs, b.last + backoffDelayMs(policy, b.failures) - now);
        return decayedFailures(policy, b.failures, b.last, now);
      });
      if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000), failures };
      counts.forEach(({ key, policy }, i) => {
        const n = failures[i]! + 1;
        failures[i] = n;
        backoffs.set(key, {
          failures: n,
          last: now,
          until: now + backoffDelayMs(policy, n) + n * policy.forgetMs,
        });
      });
      return { allowed: true, retryAfterSeconds: 0, failures };
    },

    async forgive(key, failures) {
      const b = backoffs.get(key);
      if (!b) return;
      if (failures === undefined || b.failures <= failures) backoffs.delete(key);
      else b.failures -= failures;
    },

    async reset(key) {
      windows.delete(key);
      backoffs.delete(key);
    },

    async close() {
      windows.clear();
      backoffs.clear();
    },
  };

  function sweep(now: number) {
    for (const [k, w] of windows) if (now - w.start > 2 * w.windowMs) windows.delete(k);
    for (const [k, b] of backoffs) if (now > b.until) backoffs.delete(k);
  }
}
