import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { passwordGate } from './password';

const PASSWORD = 'correct-horse-battery-staple';
let n = 0;

/** One HTTP request carrying `count` sign-up calls (tRPC batching), as a flood would send them. */
async function batchedSignUps(client: TestClient, count: number, from: string) {
  const paths = Array.from({ length: count }, () => 'auth.signUp').join(',');
  const body = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      String(i),
      { email: `flood${++n}-${Date.now().toString(36)}@example.test`, password: PASSWORD, displayName: 'F' },
    ]),
  );
  const res = await client.request('POST', `/trpc/${paths}?batch=1`, body, { 'x-forwarded-for': from });
  const calls = res.body as Array<{
    result?: unknown;
    error?: { data: { httpStatus: number; appCode: string } };
  }>;
  return {
    res,
    created: calls.filter((c) => c.result).length,
    limited: calls.filter((c) => c.error?.data.httpStatus === 429 && c.error.data.appCode === 'RATE_LIMITED')
      .length,
  };
}

describe('sign-up floods', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      db: 'pglite',
      env: { ROLES: 'api', SIGN_UPS_PER_HOUR: '5', TRUST_PROXY: 'true' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('every call of a batch counts: 20 batched sign-ups from one address create 5 accounts, the other 15 get 429', async () => {
    const { res, created, limited } = await batchedSignUps(app.client(), 20, '198.51.100.20');
    expect(created).toBe(5);
    expect(limited).toBe(15);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // One at a time from that address: still refused; another address is not affected.
    const single = await app
      .client()
      .mutate(
        'auth.signUp',
        { email: `late${++n}@example.test`, password: PASSWORD, displayName: 'L' },
        { 'x-forwarded-for': '198.51.100.20' },
      );
    expect(single.status).toBe(429);
    expect(single.error.message).toMatch(
      /^Too many accounts created from your network\. Try again in \d+ minutes?\.$/,
    );
    expect((await batchedSignUps(app.client(), 2, '198.51.100.21')).created).toBe(2);
  });

  it('under a flood of batched sign-ups from many addresses no more hashes run at once than there are CPUs, and sign-in still works', async () => {
    const person = await signUpAs(app);
    passwordGate.resetPeak();
    const flood = Array.from({ length: 8 }, (_, i) =>
      batchedSignUps(app.client(), 20, `203.0.113.${100 + i}`),
    );
    const signIn = app.client().mutate('auth.signIn', { email: person.email, password: PASSWORD });
    const [signedIn, ...batches] = await Promise.all([signIn, ...flood]);
    expect(signedIn.status).toBe(200);
    expect(batches.map((b) => b.created)).toEqual(Array(8).fill(5));
    expect(passwordGate.stats().peak).toBeLessThanOrEqual(availableParallelism());
  });
});
