import type { Config } from '../config';

const MINUTE = 60_000;

/**
 * Rate-limit classes a procedure can name in its meta (`.meta({ rateLimit: 'signUp' })`). The guard
 * counts every call against its class per client address, batched calls one by one (the API-wide limit
 * counts requests; this one counts calls), and refuses with 429 and Retry-After beyond the limit.
 * One table, so the limits can be read, compared and tuned in one place.
 */
export type RateLimitClass =
  | 'signUp'
  | 'signIn'
  | 'setPassword'
  | 'passkeySignIn'
  | 'passwordReset'
  | 'accountLink';

export interface RateLimitRule {
  limit: number;
  windowMs: number;
  /** What a refusal tells the person. */
  what: string;
}

export function rateLimitRules(config: Config): Record<RateLimitClass, RateLimitRule> {
  return {
    // New accounts cost a memory-hard hash and a row each: a few an hour per address is plenty for people.
    signUp: {
      limit: config.SIGN_UPS_PER_HOUR,
      windowMs: 60 * MINUTE,
      what: 'accounts created from your network',
    },
    // A volume cap on password checks; wrong passwords also meet the sign-in back-off (login-throttle.ts).
    signIn: {
      limit: config.SIGN_INS_PER_MINUTE,
      windowMs: MINUTE,
      what: 'sign-in attempts from your network',
    },
    // Each try of a set-password link is a guess at a random token; people need one or two.
    setPassword: { limit: 10, windowMs: 15 * MINUTE, what: 'password links tried from your network' },
    // Each ceremony stores a challenge row.
    passkeySignIn: { limit: 60, windowMs: MINUTE, what: 'passkey sign-ins from your network' },
    // Each request may send an email: a few an hour per address is plenty for people. Each target address
    // has its own cap besides (request-password-reset.ts), so nobody's inbox can be flooded from many.
    passwordReset: {
      limit: config.PASSWORD_RESETS_PER_HOUR,
      windowMs: 60 * MINUTE,
      what: 'password reset requests from your network',
    },
    // Links from emails (confirm an address, reset a password): each try is a guess at a random token,
    // and one confirmation follows each sign-up, so it grows with the sign-up limit.
    accountLink: {
      limit: 2 * config.SIGN_UPS_PER_HOUR,
      windowMs: 60 * MINUTE,
      what: 'email links tried from your network',
    },
  };
}

const cache = new WeakMap<Config, Record<RateLimitClass, RateLimitRule>>();

/** The rule for a class under this config (computed once per config). */
export function rateLimitRule(config: Config, cls: RateLimitClass): RateLimitRule {
  let rules = cache.get(config);
  if (!rules) {
    rules = rateLimitRules(config);
    cache.set(config, rules);
  }
  return rules[cls];
}
