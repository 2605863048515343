import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from '../../src/router';
import { startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { listProcedures } from '../helpers/procedures';
import { signUpAs } from '../helpers/users';

/**
 * Garbage in, 4xx out: every procedure, over tRPC and REST, is sent malformed JSON, wrong types, unknown
 * fields, hostile strings and random values as a founder (who passes every permission check, so the
 * input reaches validation and the service). Any 5xx fails the test.
 */
const procedures = listProcedures(appRouter);

const hostileValues: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -9007199254740992 * 2,
  1.5,
  '',
  ' ',
  'x'.repeat(10_000),
  '\u0000',
  'a\u0000b',
  "'; drop table users; --",
  '../../etc/passwd',
  '😀🎉',
  '\ud800',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '2026-13-45T99:99:99Z',
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
];

const rawBodies = [
  '{bad json',
  '',
  'null',
  '[]',
  '"str"',
  '12',
  'true',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
];

/** The input's object shape, when it has one, so we can send the right keys with the wrong values. */
function shapeOf(path: string): string[] {
  const p = (appRouter as any)._def.procedures[path];
  const input = p?._def.inputs?.[0];
  if (input instanceof z.ZodObject) return Object.keys(input.shape);
  return [];
}

describe('bad input never causes a 5xx', () => {
  let app: TestApp;
  let founder: { client: TestClient; email: string; password: string };

  beforeAll(async () => {
    app = await startTestApp();
    founder = await signUpAs(app, ['founder']);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A fresh signed-in founder session, in case a garbage call signed the last one out. */
  async function freshFounder(): Promise<TestClient> {
    const c = app.client();
    const r = await c.mutate('auth.signIn', { email: founder.email, password: founder.password });
    expect(r.status).toBe(200);
    return c;
  }

  async function send(client: TestClient, path: string, type: string, input: unknown, raw = false) {
    if (type === 'query') {
      const q = raw
        ? `?input=${encodeURIComponent(String(input))}`
        : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return client.request('GET', `/trpc/${path}${q}`);
    }
    return client.request('POST', `/trpc/${path}`, raw ? String(input) : JSON.stringify(input), {
      'content-type': 'application/json',
    });
  }

  for (const p of procedures) {
    it(`${p.path}: garbage gets a 4xx naming the problem`, async () => {
      const client = await freshFounder();
      const keys = shapeOf(p.path);
      const inputs: unknown[] = [...hostileValues, { unknownField: 1 }];
      for (const key of keys) for (const v of hostileValues) inputs.push({ [key]: v });
      // The right keys, each with random JSON: catches values that pass validation but break the service.
      if (keys.length) {
        const record = fc.record(Object.fromEntries(keys.map((k) => [k, fc.jsonValue()])));
        inputs.push(...fc.sample(record, { numRuns: 25, seed: 42 }));
      }
      for (const input of inputs) {
        const res = await send(client, p.path, p.type, input);
        expect(
          res.status,
          `${p.path} ← ${JSON.stringify(input)?.slice(0, 200)}: ${JSON.stringify(res.body)?.slice(0, 300)}`,
        ).toBeLessThan(500);
      }
      for (const body of rawBodies) {
        const res = await send(client, p.path, p.type, body, true);
        expect(res.status, `${p.path} ← raw ${body.slice(0, 40)}`).toBeLessThan(500);
        if (body === '{bad json') expect(res.status).toBe(400);
      }
    });
  }

  it('every REST operation answers garbage with a 4xx', async () => {
    const client = await freshFounder();
    const doc = (await client.request<any>('GET', '/api/openapi.json')).body;
    const ops = Object.entries<any>(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({
        path: path.replace(/\{[^}]+\}/g, 'not-a-uuid'),
        method: method.toUpperCase(),
      })),
    );
    for (const op of ops) {
      for (const body of [
        '{bad json',
        '[]',
        JSON.stringify({ unknownField: 1 }),
        JSON.stringify({ a: '\u0000' }),
      ]) {
        const res = await client.request(
          op.method,
          `/api/v1${op.path}`,
          op.method === 'GET' ? undefined : body,
          {
            'content-type': 'application/json',
          },
        );
        expect(res.status, `${op.method} ${op.path} ← ${body}: ${JSON.stringify(res.body)}`).toBeLessThan(
          500,
        );
      }
    }
  });

  it('malformed JSON is a 400 that says so', async () => {
    const client = await freshFounder();
    const res = await client.request('POST', '/trpc/auth.signOut', '{bad', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
  });

  it('an oversized body is refused with 413', async () => {
    const client = await freshFounder();
    const big = JSON.stringify({ name: 'x'.repeat(app.platform.config.BODY_LIMIT_BYTES + 10) });
    const res = await client.request('POST', '/trpc/apiKeys.create', big, {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(413);
  });

  it('a validation error names the field', async () => {
    const client = app.client();
    const res = await client.mutate('auth.signUp', {
      email: 'not-an-email',
      password: 'correct-horse-battery',
      displayName: 'X',
    });
    expect(res.status).toBe(400);
    expect(res.error.data.field).toBe('email');
    expect(res.error.message).toMatch(/email/);
  });

  it('an unknown field is refused and named', async () => {
    const client = app.client();
    const res = await client.mutate('auth.signUp', {
      email: 'someone@example.test',
      password: 'correct-horse-battery',
      displayName: 'X',
      isAdmin: true,
    });
    expect(res.status).toBe(400);
    expect(res.error.message).toMatch(/isAdmin/);
  });
});
