import { AppError } from '../errors';
import type { RateLimiter } from '../http';

const WINDOW_MS = 15 * 60_000;

/**
 * Brute-force guard for password checks: at most `limit` attempts per 15 minutes per account and per
 * client address (so one address cannot spray many accounts, and many addresses cannot hammer one).
 * Every attempt counts before the password is checked, so a correct guess after the limit is refused
 * too; a success clears both counters so people who mistype a few times are not punished later.
 */
export function loginThrottle(limiter: RateLimiter, limit: number) {
  const keys = (email: string, ip: string | undefined) => [
    `login:email:${email}`,
    `login:ip:${ip ?? 'unknown'}`,
  ];
  return {
    async attempt(email: string, ip: string | undefined): Promise<void> {
      let retryAfter = 0;
      for (const key of keys(email, ip)) {
        const r = await limiter.hit(key, limit, WINDOW_MS);
        if (!r.allowed) retryAfter = Math.max(retryAfter, r.retryAfterSeconds);
      }
      if (retryAfter > 0) {
        const minutes = Math.ceil(retryAfter / 60);
        throw new AppError(
          'RATE_LIMITED',
          `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          { details: { retryAfterSeconds: retryAfter } },
        );
      }
    },
    async succeeded(email: string, ip: string | undefined): Promise<void> {
      for (const key of keys(email, ip)) await limiter.reset(key);
    },
  };
}
