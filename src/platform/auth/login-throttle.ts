import type { Config } from '../config';
import { AppError } from '../errors';
import type { BackoffCount, BackoffPolicy, RateLimiter } from '../http';
import type { Platform } from '../platform';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Which counter a failure burst was on: the account, the client address, or a known device. */
export type ThrottleScope = 'account' | 'address' | 'device';

/** A counter that has just used up its free failures: one audit entry per burst, not per attempt. */
export interface FailureBurst {
  scope: ThrottleScope;
  failures: number;
}

export interface LoginAttempt {
  /** The password was right: take this attempt back (and the account's earlier failures from here). */
  succeeded(): Promise<void>;
  /** The password was wrong (the failure is already counted): the counters that this one pushed past their free budget. */
  failed(): FailureBurst[];
  /** The password could not be checked (the server was busy): take back exactly this attempt's failure. */
  abandoned(): Promise<void>;
}

export interface LoginThrottlePolicies {
  account: BackoffPolicy;
  address: BackoffPolicy;
  device: BackoffPolicy;
}

/**
 * The sign-in throttle's policies from config. Each counter gives some free failures, then makes the
 * next attempt wait 1 s, 2 s, 4 s... up to LOGIN_BACKOFF_MAX_SECONDS, and forgets one failure per quiet
 * period. The account's quiet period is at least the cap, so a patient guesser stays at the cap (about
 * 96 guesses a day per account at 15 minutes); the address forgets faster because many honest people
 * share carrier and office addresses, and it only has to stop one address spraying many accounts.
 */
export function loginThrottlePolicies(config: Config): LoginThrottlePolicies {
  const maxMs = config.LOGIN_BACKOFF_MAX_SECONDS * SECOND;
  return {
    account: {
      free: config.LOGIN_FREE_FAILURES,
      baseMs: SECOND,
      maxMs,
      forgetMs: Math.max(15 * MINUTE, maxMs),
    },
    address: { free: config.LOGIN_FREE_FAILURES_PER_ADDRESS, baseMs: SECOND, maxMs, forgetMs: 5 * MINUTE },
    device: {
      free: config.LOGIN_FREE_FAILURES,
      baseMs: SECOND,
      maxMs,
      forgetMs: Math.max(15 * MINUTE, maxMs),
    },
  };
}

/** Never blocks: only remembers how many of an address's failures were on one account. */
const pairPolicy = (address: BackoffPolicy): BackoffPolicy => ({ ...address, free: 1e9 });

/**
 * Brute-force guard for password checks, per account and per client address separately, each with
 * exponential back-off (and per known device, see device-token.ts):
 *
 * - An attempt from an unknown device counts against the account (whoever tries it, from anywhere) and
 *   against the address (whatever account it tries). Failures are counted *before* the password is
 *   checked, so parallel guesses cannot all slip through; a success takes its own back.
 * - A success clears the account's failures and, at the address, only the failures this address made on
 *   this account: signing in to your own account does not wipe the guesses made on others, and ten typos
 *   on one account do not slow everyone else behind the same address (its budget is larger).
 * - An attempt carrying a valid device token for the account counts only against that device's small
 *   budget: the owner's known browser still gets in while the account is under attack from elsewhere.
 *
 * Counters live in the shared limiter, so with Redis every node sees the same ones.
 */
export function loginThrottle(limiter: RateLimiter, policies: LoginThrottlePolicies) {
  return {
    async attempt(who: {
      email: string;
      ip: string | undefined;
      deviceId?: string | null;
    }): Promise<LoginAttempt> {
      const ip = who.ip ?? 'unknown';
      const counts: Array<BackoffCount & { scope?: ThrottleScope }> = who.deviceId
        ? [{ key: `login:device:${who.deviceId}`, policy: policies.device, scope: 'device' }]
        : [
            { key: `login:account:${who.email}`, policy: policies.account, scope: 'account' },
            { key: `login:address:${ip}`, policy: policies.address, scope: 'address' },
            { key: `login:pair:${ip}:${who.email}`, policy: pairPolicy(policies.address) },
          ];
      const result = await limiter.attempt(counts);
      if (!result.allowed) throw tooManyAttempts(result.retryAfterSeconds);
      return {
        async succeeded() {
          if (who.deviceId) return limiter.forgive(counts[0]!.key);
          await limiter.forgive(counts[0]!.key);
          await limiter.forgive(counts[1]!.key, result.failures[2]);
          await limiter.forgive(counts[2]!.key);
        },
        async abandoned() {
          for (const c of counts) await limiter.forgive(c.key, 1);
        },
        failed() {
          const bursts: FailureBurst[] = [];
          counts.forEach((c, i) => {
            if (c.scope && result.failures[i] === c.policy.free + 1)
              bursts.push({ scope: c.scope, failures: result.failures[i]! });
          });
          return bursts;
        },
      };
    },
  };
}

/** The throttle every password check goes through (sign-in, the current password on a change). */
export const passwordThrottle = (platform: Platform) =>
  loginThrottle(platform.limiter, loginThrottlePolicies(platform.config));

/**
 * The account's failed sign-ins are forgotten (a new password was chosen through an emailed link): the
 * owner is not kept waiting by the guesses the new password has just made useless.
 */
export async function clearAccountThrottle(platform: Platform, email: string): Promise<void> {
  await platform.limiter.forgive(`login:account:${email.toLowerCase()}`);
}

function tooManyAttempts(retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${wait}.`, {
    details: { retryAfterSeconds },
  });
}
