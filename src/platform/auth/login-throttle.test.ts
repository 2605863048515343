import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { AppError } from '../errors';
import { createMemoryRateLimiter } from '../http/memory-rate-limiter';
import { type LoginThrottlePolicies, loginThrottle } from './login-throttle';

const policies: LoginThrottlePolicies = {
  account: { free: 3, baseMs: 1000, maxMs: 900_000, forgetMs: 900_000 },
  address: { free: 6, baseMs: 1000, maxMs: 900_000, forgetMs: 300_000 },
  device: { free: 3, baseMs: 1000, maxMs: 900_000, forgetMs: 900_000 },
};

function setup() {
  const clock = fixedClock('2030-01-01T00:00:00Z');
  const throttle = loginThrottle(createMemoryRateLimiter(clock), policies);
  /** One password check: 'ok' (right password), 'wrong', or 'throttled' when refused before checking. */
  const check = async (email: string, ip: string, right: boolean, deviceId?: string) => {
    try {
      const attempt = await throttle.attempt({ email, ip, deviceId });
      if (right) await attempt.succeeded();
      else attempt.failed();
      return right ? 'ok' : 'wrong';
    } catch (err) {
      if (err instanceof AppError && err.code === 'RATE_LIMITED') return 'throttled';
      throw err;
    }
  };
  return { clock, throttle, check };
}

describe('sign-in throttle', () => {
  it('signing in to your own account between guesses does not wipe the guesses made on others', async () => {
    const { check } = setup();
    const answers: string[] = [];
    for (let i = 0; i < 45; i++) {
      answers.push(await check(`victim${i % 40}@example.test`, '198.51.100.1', false));
      if (i % 9 === 8) await check('me@example.test', '198.51.100.1', true);
    }
    // Six free failures at the address, the seventh starts the wait, and the wait holds.
    expect(answers.filter((a) => a === 'wrong')).toHaveLength(7);
    expect(answers.slice(7).every((a) => a === 'throttled')).toBe(true);
  });

  it('a person who mistyped and then got in leaves no failures behind at the address', async () => {
    const { check } = setup();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 2; i++)
        expect(await check(`typist${round}@example.test`, '198.51.100.2', false)).toBe('wrong');
      expect(await check(`typist${round}@example.test`, '198.51.100.2', true)).toBe('ok');
    }
    // Ten typos from one address, all forgiven: a stranger's guesses start from a full budget.
    for (let i = 0; i < 7; i++)
      expect(await check(`other${i}@example.test`, '198.51.100.2', false)).toBe('wrong');
    expect(await check('other@example.test', '198.51.100.2', false)).toBe('throttled');
  });

  it('wrong guesses on one account do not slow other people behind the same address', async () => {
    const { check } = setup();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await check('target@example.test', '198.51.100.3', false));
    expect(answers.slice(0, 4)).toEqual(['wrong', 'wrong', 'wrong', 'wrong']);
    expect(answers.slice(4).every((a) => a === 'throttled')).toBe(true);
    expect(await check('colleague@example.test', '198.51.100.3', true)).toBe('ok');
  });

  it('each failure past the free ones doubles the wait; the account is protected from every address', async () => {
    const { check, throttle, clock } = setup();
    for (let i = 0; i < 4; i++) await check('victim@example.test', `203.0.113.${i}`, false);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const err = await throttle
        .attempt({ email: 'victim@example.test', ip: `192.0.2.${i}` })
        .catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      const seconds = (err as AppError).details!.retryAfterSeconds as number;
      waits.push(seconds);
      clock.advance(seconds * 1000);
      expect(await check('victim@example.test', `192.0.2.${i}`, false)).toBe('wrong');
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    expect(await check('victim@example.test', '192.0.2.99', true)).toBe('throttled');
  });

  it('a known device has its own small budget: the owner gets in while the account is under attack', async () => {
    const { check } = setup();
    for (let i = 0; i < 10; i++) await check('owner@example.test', `203.0.113.${i}`, false);
    expect(await check('owner@example.test', '192.0.2.1', true)).toBe('throttled');
    expect(await check('owner@example.test', '192.0.2.1', true, 'device-1')).toBe('ok');
    // A device that keeps failing is slowed too, on its own.
    for (let i = 0; i < 4; i++)
      expect(await check('owner@example.test', '192.0.2.1', false, 'device-1')).toBe('wrong');
    expect(await check('owner@example.test', '192.0.2.1', true, 'device-1')).toBe('throttled');
    expect(await check('owner@example.test', '192.0.2.1', true, 'device-2')).toBe('ok');
  });

  it('parallel guesses cannot slip past the count: failures are counted before the password is checked', async () => {
    const { throttle } = setup();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => throttle.attempt({ email: 'race@example.test', ip: '198.51.100.9' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
  });

  it('an attempt whose password could not be checked (server busy) counts nothing', async () => {
    const { throttle, check } = setup();
    for (let i = 0; i < 10; i++) {
      const attempt = await throttle.attempt({ email: 'busy@example.test', ip: '198.51.100.10' });
      await attempt.abandoned();
    }
    // The account's budget is whole: three free failures and a fourth that starts the wait.
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await check('busy@example.test', '198.51.100.10', false));
    expect(answers).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'throttled']);
  });

  it('reports a burst once, when a counter first runs out of free failures', async () => {
    const { throttle, clock } = setup();
    const bursts = [];
    for (let i = 0; i < 8; i++) {
      const attempt = await throttle.attempt({ email: 'burst@example.test', ip: `203.0.113.${i}` });
      bursts.push(attempt.failed());
      clock.advance(3_600_000 / 8); // patient enough to pass each wait, not to be forgotten
    }
    expect(bursts.flat()).toEqual([{ scope: 'account', failures: 4 }]);
    expect(bursts[3]).toHaveLength(1);
  });
});
