import http from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roleAssignments } from '../../src/platform/access/schema';
import { startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { rolesOf, signUpAs } from '../helpers/users';

/**
 * The API's guards (CSRF, the rate limit, JSON-only bodies) belong to the routes, not to URL strings:
 * whatever spelling of a path the router matches to a tRPC or REST route meets them, and a spelling it
 * does not match is a 404. Requests go out byte for byte as written here (node:http with a raw path;
 * fetch and URL would normalize `..` and percent-escapes before sending).
 */

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function raw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Raw> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cookieOf = (client: TestClient, names: string[]) =>
  [...client.cookies]
    .filter(([k]) => names.includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

describe('a forged request (session cookie, no CSRF token) gets nowhere, however its path is spelled', () => {
  let app: TestApp;
  let founder: TestClient;
  let victimId: string;
  /** What a cross-site form sends: the browser attaches the session cookie, the attacker knows no token. */
  let forged: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    founder = (await signUpAs(app, ['founder'])).client;
    victimId = (await signUpAs(app)).userId;
    forged = { cookie: cookieOf(founder, ['lsn_session']), 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await app?.close();
  });
  // A request that got through is reported by its own test; the next one starts from no roles again.
  afterEach(async () => {
    await app.platform.db.delete(roleAssignments).where(eq(roleAssignments.userId, victimId));
  });

  const grant = () => JSON.stringify({ userId: victimId, role: 'admin' });
  const batchGrant = () => JSON.stringify({ 0: { userId: victimId, role: 'admin' } });
  const restGrant = () => JSON.stringify({ role: 'admin' });

  // [what, method, path, body, expected status]: 403 where the spelling reaches an API route, 404 where
  // the router matches nothing.
  const cases: Array<[string, string, () => string, () => string, number]> = [
    ['tRPC, percent-encoded prefix', 'POST', () => '/%74rpc/users.assignRole', grant, 403],
    ['tRPC, every letter encoded', 'POST', () => '/%74%72%70%63/users.assignRole', grant, 403],
    ['tRPC, encoded dot in the procedure', 'POST', () => '/trpc/users%2EassignRole', grant, 403],
    ['tRPC, mixed case', 'POST', () => '/TRPC/users.assignRole', grant, 404],
    ['tRPC, mixed case encoded', 'POST', () => '/%54rpc/users.assignRole', grant, 404],
    ['tRPC, double slash in front', 'POST', () => '//trpc/users.assignRole', grant, 404],
    ['tRPC, double slash inside', 'POST', () => '/trpc//users.assignRole', grant, 404],
    ['tRPC, dot-dot segment', 'POST', () => '/x/../trpc/users.assignRole', grant, 404],
    ['tRPC, encoded dot-dot segment', 'POST', () => '/x/%2e%2e/trpc/users.assignRole', grant, 404],
    ['tRPC, semicolon parameter', 'POST', () => '/trpc/users.assignRole;jsessionid=1', grant, 403],
    ['tRPC, encoded prefix with a semicolon', 'POST', () => '/%74rpc;x/users.assignRole', grant, 404],
    ['tRPC batch, percent-encoded prefix', 'POST', () => '/%74rpc/users.assignRole?batch=1', batchGrant, 403],
    [
      'tRPC batch, two calls, encoded',
      'POST',
      () => '/%74rpc/users.assignRole,users.assignRole?batch=1',
      () => JSON.stringify({ 0: { userId: victimId, role: 'admin' }, 1: { userId: victimId, role: 'ops' } }),
      403,
    ],
    ['tRPC, PUT', 'PUT', () => '/%74rpc/users.assignRole', grant, 403],
    ['REST, plain', 'POST', () => `/api/v1/users/${victimId}/roles`, restGrant, 403],
    ['REST, encoded prefix', 'POST', () => `/%61pi/v1/users/${victimId}/roles`, restGrant, 403],
    [
      'REST, encoded prefix walking back into the API',
      'POST',
      () => `/%61pi/v1/../../api/v1/users/${victimId}/roles`,
      restGrant,
      403,
    ],
    ['REST, dot-dot inside', 'POST', () => `/api/v1/x/../users/${victimId}/roles`, restGrant, 403],
    ['REST, encoded segment', 'POST', () => `/api/v1/%75sers/${victimId}/roles`, restGrant, 403],
    ['REST, semicolon parameter', 'POST', () => `/api/v1/users/${victimId}/roles;x=1`, restGrant, 403],
    ['REST, mixed case', 'POST', () => `/API/v1/users/${victimId}/roles`, restGrant, 404],
    ['REST, double slash', 'POST', () => `//api/v1/users/${victimId}/roles`, restGrant, 404],
  ];

  for (const [what, method, path, body, expected] of cases) {
    it(`${what}: ${expected}`, async () => {
      const res = await raw(app.url, method, path(), forged, body());
      expect(res.status, res.text).toBe(expected);
      expect(await rolesOf(app, victimId)).toEqual([]);
    });
  }

  it('HEAD and OPTIONS (safe methods, so no token asked) run nothing', async () => {
    for (const method of ['HEAD', 'OPTIONS']) {
      for (const path of [
        '/%74rpc/users.assignRole',
        '/trpc/users.assignRole?batch=1',
        `/api/v1/users/${victimId}/roles`,
      ]) {
        const res = await raw(app.url, method, path, forged, method === 'OPTIONS' ? grant() : undefined);
        expect(res.status, `${method} ${path}: ${res.text}`).not.toBe(200);
      }
    }
    expect(await rolesOf(app, victimId)).toEqual([]);
  });

  it('the same request with the token goes through: the guard, not the spelling, decided', async () => {
    const headers = {
      ...forged,
      cookie: cookieOf(founder, ['lsn_session', 'lsn_csrf']),
      'x-csrf-token': founder.cookies.get('lsn_csrf')!,
    };
    const res = await raw(app.url, 'POST', '/%74rpc/users.assignRole', headers, grant());
    expect(res.status, res.text).toBe(200);
    expect(await rolesOf(app, victimId)).toEqual(['admin']);
  });

  it('a text/plain body (what a cross-site form can send without a preflight) is a 415 naming JSON', async () => {
    const headers = {
      cookie: cookieOf(founder, ['lsn_session', 'lsn_csrf']),
      'x-csrf-token': founder.cookies.get('lsn_csrf')!,
    };
    const sends: Array<[string, string]> = [
      ['/trpc/users.assignRole', grant()],
      ['/%74rpc/users.assignRole', grant()],
      ['/trpc/users.assignRole?batch=1', batchGrant()],
      [`/api/v1/users/${victimId}/roles`, restGrant()],
    ];
    for (const [path, body] of sends) {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await raw(app.url, 'POST', path, { ...headers, 'content-type': type }, body);
        expect(res.status, `${type} to ${path}: ${res.text}`).toBe(415);
        expect(JSON.parse(res.text).message).toMatch(/application\/json/);
      }
      // No content type at all, with a body: the same.
      const bare = await raw(app.url, 'POST', path, headers, body);
      expect(bare.status, `no type to ${path}: ${bare.text}`).toBe(415);
    }
    // Even with an API key, which skips the CSRF check.
    const key = await founder.mutate('apiKeys.create', { name: 'text-plain', scopes: ['roles.assign'] });
    expect(key.status, JSON.stringify(key.body)).toBe(200);
    const res = await raw(
      app.url,
      'POST',
      '/trpc/users.assignRole',
      { authorization: `Bearer ${key.data.key}`, 'content-type': 'text/plain' },
      grant(),
    );
    expect(res.status).toBe(415);
    expect(await rolesOf(app, victimId)).toEqual([]);
  });
});

describe('the API rate limit counts every call, whatever the spelling', () => {
  let app: TestApp;
  const LIMIT = 10;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await app.platform.limiter.reset('api:ip:127.0.0.1');
  });

  async function statuses(paths: string[]): Promise<number[]> {
    const out: number[] = [];
    for (const p of paths) out.push((await raw(app.url, 'GET', p)).status);
    return out;
  }

  it('percent-encoded spellings count like the plain one', async () => {
    const spellings = ['/%74rpc/system.ping', '/trpc/system%2Eping', '/%74%72%70%63/system.ping'];
    const got = await statuses(Array.from({ length: LIMIT + 2 }, (_, i) => spellings[i % 3]!));
    expect(got.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(got.slice(LIMIT)).toEqual([429, 429]);
  });

  it('REST spellings count too', async () => {
    const got = await statuses(
      Array.from({ length: LIMIT + 1 }, (_, i) =>
        i % 2 ? '/%61pi/v1/../../api/v1/system/ping' : '/api/v1/system/ping',
      ),
    );
    expect(got.at(-1)).toBe(429);
  });

  it('each call in a tRPC batch counts: 4 + 4 calls pass, the next 4 do not', async () => {
    const batch = `/trpc/${Array(4).fill('system.ping').join(',')}?batch=1&input=${encodeURIComponent('{}')}`;
    expect(await statuses([batch, batch, batch])).toEqual([200, 200, 429]);
  });

  it('a batch of more calls than the whole limit is refused, and a single call still fits after it', async () => {
    const batch = `/trpc/${Array(LIMIT + 1)
      .fill('system.ping')
      .join(',')}?batch=1&input=${encodeURIComponent('{}')}`;
    expect(await statuses([batch, '/trpc/system.ping'])).toEqual([429, 200]);
  });

  it('probes and pages are not API calls', async () => {
    const got = await statuses(Array.from({ length: LIMIT + 2 }, () => '/healthz'));
    expect(got.every((s) => s === 200)).toBe(true);
  });
});

describe('security headers and the CSRF cookie follow the matched route, not the spelling', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an API answer gets the API header set and a token; a probe gets no token', async () => {
    for (const path of ['/trpc/system.ping', '/%74rpc/system.ping', '/trpc/system%2Eping']) {
      const res = await raw(app.url, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(String(res.headers['set-cookie']), path).toMatch(/lsn_csrf=/);
    }
    for (const path of ['/healthz', '/%68ealthz', '/health%7A']) {
      const res = await raw(app.url, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers['set-cookie'], path).toBeUndefined();
      expect(res.headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });
});
