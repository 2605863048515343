import type { Clock } from '../clock';
import type { RateLimiter, RateLimitResult } from './rate-limit';

/**
 * Sliding window, approximated with the previous and current fixed windows weighted by overlap
 * (the approach Cloudflare describes): O(1) memory per key, smooth at window edges.
 */
export function createMemoryRateLimiter(clock: Clock): RateLimiter {
  const windows = new Map<string, { start: number; current: number; previous: number }>();
  let sweeps = 0;
  return {
    hit(key, limit, windowMs, cost = 1): RateLimitResult {
      const now = clock.now().getTime();
      const start = now - (now % windowMs);
      let w = windows.get(key);
      if (!w) {
        w = { start, current: 0, previous: 0 };
        windows.set(key, w);
      } else if (w.start !== start) {
        w.previous = start - w.start === windowMs ? w.current : 0;
        w.current = 0;
        w.start = start;
      }
      if (++sweeps % 10_000 === 0) sweep(now, windowMs);
      const weight = 1 - (now - start) / windowMs;
      const estimate = w.previous * weight + w.current;
      if (estimate + cost > limit) {
        // Time until the weighted count leaves room for this request.
        const needed = w.previous > 0 ? (1 - (limit - cost - w.current) / w.previous) * windowMs : windowMs;
        const retryMs = Math.max(1000, Math.min(windowMs, start + needed - now, start + windowMs - now + 1));
        return { allowed: false, remaining: 0, retryAfterSeconds: Math.ceil(retryMs / 1000) };
      }
      w.current += cost;
      return {
        allowed: true,
        remaining: Math.max(0, Math.floor(limit - estimate - cost)),
        retryAfterSeconds: 0,
      };
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };

  function sweep(now: number, windowMs: number) {
    for (const [k, w] of windows) if (now - w.start > 2 * windowMs) windows.delete(k);
  }
}
