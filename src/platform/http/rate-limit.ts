/** Sliding-window rate limiter: memory by default, Redis when REDIS_URL is set (shared by every node). */
export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
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
  /** Forgets a key (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}
