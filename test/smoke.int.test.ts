import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app';
import { signUpAs } from './helpers/users';

describe.each(['pglite', 'postgres'] as const)('the product on %s', (db) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers over tRPC and REST from the same procedure', async () => {
    const c = app.client();
    const trpc = await c.query('system.ping');
    expect(trpc.status).toBe(200);
    expect(trpc.data.ok).toBe(true);
    const rest = await c.request('GET', '/api/v1/system/ping');
    expect(rest.status).toBe(200);
    expect(rest.body.ok).toBe(true);
    expect(rest.headers.get('x-request-id')).toBeTruthy();
  });

  it('a single call and the same call in a batch answer alike, errors included', async () => {
    const c = app.client();
    const single = await c.query('auth.me');
    const batch = await c.request<any[]>(
      'GET',
      `/trpc/auth.me,auth.sessions?batch=1&input=${encodeURIComponent('{}')}`,
    );
    expect(batch.status).toBe(207); // one succeeded, one refused
    expect(batch.body[0].result.data).toEqual(single.data);
    const refused = await c.query('auth.sessions');
    expect(refused.status).toBe(401);
    expect(batch.body[1].error).toEqual(refused.body.error);
    const garbage = await c.mutate('auth.signUp', { email: 'nope' });
    const garbageInBatch = await c.request<any[]>('POST', '/trpc/auth.signUp?batch=1', {
      0: { email: 'nope' },
    });
    expect(garbage.status).toBe(400);
    expect(garbageInBatch.status).toBe(400);
    expect(garbageInBatch.body[0].error.message).toBe(garbage.body.error.message);
    expect(garbageInBatch.body[0].error.data.field).toBe(garbage.body.error.data.field);
  });

  it('sends its security headers and a request id on every response', async () => {
    const res = await app.client().request('GET', '/healthz', undefined, { 'x-request-id': 'trace-123' });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    // JSON answers: a policy that allows nothing, no framing, no sniffing.
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // PUBLIC_URL is http here: no HSTS that would pin a developer's browser to https.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    // Pages: the app's own policy and the rest of helmet's set.
    const page = await app.client().request('GET', '/signin');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const other = await app.client().request('GET', '/healthz');
    expect(other.headers.get('x-request-id')).not.toBe(res.headers.get('x-request-id'));
    // A browser gets its CSRF token with a page or an API answer; a probe polling /healthz gets no cookie.
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('set-cookie')).toMatch(/^lsn_csrf=/);
    expect((await app.client().request('GET', '/trpc/system.ping')).headers.get('set-cookie')).toMatch(
      /^lsn_csrf=/,
    );
  });

  it('a cookie session must echo its CSRF token to change anything; an API key needs none', async () => {
    const { client: c } = await signUpAs(app);
    const forged = await c.request('POST', '/trpc/auth.signOut', {}, { 'x-csrf-token': '' });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('CSRF');
    const wrong = await c.request('POST', '/trpc/auth.signOut', {}, { 'x-csrf-token': 'x'.repeat(32) });
    expect(wrong.status).toBe(403);
    expect((await c.query('auth.me')).data.user).not.toBeNull(); // still signed in
    expect((await c.mutate('auth.signOut', {})).status).toBe(200);
    expect((await c.query('auth.me')).data.user).toBeNull();
  });
});
