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
