/** Sliding-window rate limiter: memory by default, Redis when REDIS_URL is set (shared by every node). */
export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Exponential back-off over failures (the sign-in throttle): the first `free` failures cost nothing,
 * each further one makes the next attempt wait twice as long as the one before (from `baseMs` up to
 * `maxMs`), and every full `forgetMs` without a new failure forgets one.
 */
export interface BackoffPolicy {
  free: number;
  baseMs: number;
  maxMs: number;
  forgetMs: number;
}

/** One back-off counter an attempt counts against. */
export interface BackoffCount {
  key: string;
  policy: BackoffPolicy;
}

export interface BackoffResult {
  allowed: boolean;
  /** Seconds until an attempt would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
  /** The failures each counter holds, in the order given: after this attempt's, or as found when refused. */
  failures: number[];
}

export interface RateLimiter {
  /**
   * Counts `cost` hits (default 1) against `key` in a window of `windowMs` allowing `limit` hits (in
   * memory: at once). A refused request counts nothing.
   */
  hit(
    key: string,
    limit: number,
    windowMs: number,
    cost?: number,
  ): RateLimitResult | Promise<RateLimitResult>;
  /**
   * One attempt against back-off counters, all or nothing: while any counter is still waiting out its
   * delay the attempt is refused and nothing is counted; otherwise every counter counts a failure *up
   * front*, so attempts made at the same moment cannot all slip past the count. An attempt that turns out
   * to succeed takes its failure back with `forgive`.
   */
  attempt(counts: readonly BackoffCount[]): BackoffResult | Promise<BackoffResult>;
  /** Takes `failures` back from a back-off counter (all of them when omitted: it starts over). */
  forgive(key: string, failures?: number): Promise<void>;
  /** Forgets a key (a window or a back-off counter). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** How long the attempt after the `failures`-th failure waits: nothing within `free`, then doubling. */
export function backoffDelayMs(policy: BackoffPolicy, failures: number): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - policy.free - 1, 40));
}

/** Failures still held `now`: one is forgotten per full `forgetMs` since the last. */
export function decayedFailures(
  policy: BackoffPolicy,
  failures: number,
  lastMs: number,
  nowMs: number,
): number {
  return Math.max(0, failures - Math.floor(Math.max(0, nowMs - lastMs) / policy.forgetMs));
}

/**
 * How long until a refused window hit of `cost` would fit, for the sliding-window estimate
 * `previous · (1 − elapsed/window) + current`: in this window once enough of it has passed for the
 * previous window's share to shrink, else in the next, where this window's count is the shrinking share.
 * (Waiting only for the fixed window to end is not enough: the count carries into the next one.)
 */
export function windowRetryMs(
  now: number,
  start: number,
  windowMs: number,
  counts: { previous: number; current: number },
  limit: number,
  cost: number,
): number {
  const room = limit - cost;
  if (room < 0) return windowMs; // larger than the limit: it never fits; do not invite a retry soon
  const { previous, current } = counts;
  if (current <= room && previous > 0) {
    const elapsed = (1 - (room - current) / previous) * windowMs;
    return Math.max(1000, start + elapsed - now);
  }
  const intoNext = current > 0 ? Math.max(0, 1 - room / current) * windowMs : 0;
  return Math.max(1000, start + windowMs + intoNext - now);
}
