import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { users } from '../../src/platform/auth/schema';
import { createLogger } from '../../src/platform/observability/logger';
import { startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { signUpAs } from '../helpers/users';

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const q = (input: string) => `?input=${encodeURIComponent(input)}`;

describe('input PostgreSQL or the stack cannot take is refused at the door with a 400 naming it', () => {
  let app: TestApp;
  let user: { client: TestClient; userId: string };
  beforeAll(async () => {
    app = await startTestApp();
    user = await signUpAs(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  const displayName = async () =>
    (await app.platform.db.select().from(users).where(eq(users.id, user.userId)))[0]!.displayName;

  it('a body nested 5,000 deep: REST, tRPC single and batch, and a query input', async () => {
    const c = user.client;
    const sends = [
      c.request('PATCH', '/api/v1/auth/me', `{"displayName":${deep(5000)}}`),
      c.request('POST', '/trpc/auth.updateProfile', `{"displayName":${deep(5000)}}`),
      c.request('POST', '/trpc/auth.updateProfile?batch=1', `{"0":{"displayName":${deep(5000)}}}`),
      // A URL has room for fewer levels (the header limit), still far more than 64.
      c.request('GET', `/trpc/auth.me${q(deep(500))}`),
      c.request('GET', `/trpc/auth.me?batch=1&input=${encodeURIComponent(`{"0":${deep(500)}}`)}`),
    ];
    for (const res of await Promise.all(sends)) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code).toBe('NESTED_TOO_DEEP');
      expect(res.body.message).toMatch(/nested more than 64 levels/);
    }
    const rest = await sends[0]!;
    expect(rest.body.field).toMatch(/^displayName\.a\.a/);
  });

  it('a lone UTF-16 surrogate anywhere: refused naming the field, and nothing is stored', async () => {
    const before = await displayName();
    const c = user.client;
    const body = '{"displayName":"\\ud800"}';
    for (const res of [
      await c.request('PATCH', '/api/v1/auth/me', body),
      await c.request('POST', '/trpc/auth.updateProfile', body),
      await c.request('POST', '/trpc/auth.updateProfile?batch=1', `{"0":${body}}`),
      await c.request('PATCH', '/api/v1/auth/me', '{"displayName":"ok \\udc00 then"}'),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code).toBe('INVALID_CHARACTER');
      expect(res.body.message).toMatch(/displayName: .*lone UTF-16 surrogate/);
      expect(res.body.field).toMatch(/^(0\.)?displayName$/);
    }
    const query = await c.request('GET', `/trpc/auth.me${q('{"x":"\\ud800"}')}`);
    expect(query.status).toBe(400);
    expect(query.body.field).toBe('x');
    expect(await displayName()).toBe(before);
    // A real pair (an emoji) is a character, and is kept.
    const ok = await c.request('PATCH', '/api/v1/auth/me', '{"displayName":"Ana \\ud83d\\ude00"}');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await displayName()).toBe('Ana 😀');
  });

  it('a NUL in a body or in any query parameter, escaped or percent-encoded', async () => {
    const c = user.client;
    for (const res of [
      await c.request('PATCH', '/api/v1/auth/me', '{"displayName":"a\\u0000b"}'),
      await c.request('GET', `/trpc/auth.me${q('{"x":"\\u0000"}')}`),
      await c.request('GET', '/api/v1/users?cursor=%00'),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code, JSON.stringify(res.body)).toBe('INVALID_CHARACTER');
      expect(res.body.message).toMatch(/NUL/);
    }
  });
});

describe('every 500 is logged, with the request id the client was given', () => {
  let app: TestApp;
  const lines: Array<Record<string, any>> = [];
  beforeAll(async () => {
    // At warn: the per-request info line is off, as in a quiet production log.
    const log = createLogger('warn', { write: (s: string) => void lines.push(JSON.parse(s)) });
    app = await startTestApp({ log, env: { ROLES: 'api' } });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await app?.close();
  });

  it('a failure before the procedure runs (database down while resolving the channel): REST, tRPC single and batch', async () => {
    // The host → channel lookup is the first query a request on another host makes.
    const select = vi.spyOn(app.platform.db, 'select').mockImplementation(() => {
      throw new Error('database unreachable');
    });
    const sends: Array<[string, string, string?]> = [
      ['GET', '/api/v1/auth/me'],
      ['PATCH', '/api/v1/auth/me', '{"displayName":"x"}'],
      ['GET', '/trpc/auth.me'],
      ['GET', `/trpc/auth.me,system.ping?batch=1${'&input=%7B%7D'}`],
      ['POST', '/trpc/auth.updateProfile', '{"displayName":"x"}'],
    ];
    const ids: string[] = [];
    try {
      let n = 0;
      for (const [method, path, body] of sends) {
        const res = await app.client({ host: `down-${++n}.example.test` }).request(method, path, body);
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(500);
        expect(JSON.stringify(res.body)).toMatch(/It has been logged/);
        const id = res.headers.get('x-request-id');
        expect(id).toBeTruthy();
        ids.push(id!);
      }
    } finally {
      select.mockRestore();
    }
    for (const [i, id] of ids.entries()) {
      const mine = lines.filter((l) => l.reqId === id);
      const what = `${sends[i]![0]} ${sends[i]![1]}`;
      expect(
        mine.some((l) => l.level === 50 && l.status === 500),
        `${what}: the request line at error level`,
      ).toBe(true);
      expect(
        mine.some((l) => l.level === 50 && /database unreachable/.test(l.err?.message ?? '')),
        `${what}: the error itself, with the request id (${JSON.stringify(lines.slice(-5))})`,
      ).toBe(true);
    }
  });
});
