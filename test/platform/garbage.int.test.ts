import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/router';
import { type CallResult, startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { listProcedures, type ProcedureInfo, restCallOf } from '../helpers/procedures';
import { createAccount, openSession, sessionFor } from '../helpers/users';
import {
  type BrokenField,
  brokenFields,
  edgeFields,
  isUuidField,
  shapeOf,
  unwrap,
  validValue,
} from '../helpers/zod-inputs';

/**
 * Bad input gets a 4xx that says what is wrong, never a 5xx. Every procedure, over tRPC and REST, as a
 * founder (who passes every permission check, so the input reaches validation and the service), is sent:
 * its valid input with one field broken at a time (the wrong type, or the right type breaking a rule its
 * schema declares: one character over the maximum, out of range, outside the enum, a malformed uuid),
 * which must be a 400 naming that field; an unknown field, a 400 naming it; a well-formed id that names
 * nothing; hostile values in each field and as the whole input; random JSON; broken bodies.
 */
const procedures = listProcedures(appRouter);
const inputOf = (p: ProcedureInfo) => (appRouter as any)._def.procedures[p.path]._def.inputs?.[0];

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

/**
 * A well-formed id that names nothing: a list filtered by it finds nothing (200); reading one thing by its
 * `id`, or a write, is a 404. A passkey sign-in answers every failure alike, as a failed sign-in (401), so
 * it does not say which part was wrong.
 */
const unknownIdStatus = (p: ProcedureInfo, ids: readonly string[]) =>
  p.path === 'auth.passkeys.verifyAuthentication'
    ? 401
    : p.type === 'query' && !ids.includes('id')
      ? 200
      : 404;

/** What the server receives: the value as JSON carries it (a prototype, an undefined, a lone surrogate...). */
const overTheWire = (v: unknown): unknown => {
  const json = JSON.stringify(v);
  return json === undefined ? undefined : JSON.parse(json);
};

/** An error as a client reads it, over tRPC, REST, or from the door (input refused before routing). */
interface Complaint {
  /** `data.field` (tRPC, REST) or the door's `field`. */
  field?: string;
  /** Every field and its sentence (`data.fields`, from the error map); the door has none. */
  fields?: Record<string, string>;
  message: string;
  /** The door's code (INVALID_CHARACTER, NESTED_TOO_DEEP); tRPC's JSON-RPC number or REST's tRPC code. */
  code?: string | number;
  /** The message and REST's issues, for a search. */
  text: string;
}

function complaint(res: CallResult<any>): Complaint {
  const error = typeof res.body?.error === 'object' ? res.body.error : res.body;
  const message = typeof error?.message === 'string' ? error.message : '';
  return {
    field: error?.data?.field ?? error?.field,
    fields: error?.data?.fields,
    message,
    code: error?.code,
    text: `${message} ${JSON.stringify(error?.issues ?? '')}`,
  };
}

/** Refusals by the door's input checks (input-checks.ts), before any schema sees the input. */
const doorCodes = new Set(['INVALID_CHARACTER', 'NESTED_TOO_DEEP']);

/**
 * The validator's own wording, which the error map replaces with sentences: zod's defaults read
 * "Invalid input: expected string, received number", "Too small: expected string to have >=12
 * characters", "Unrecognized key: \"x\"", "Invalid string: must match pattern /…/".
 */
const validatorJargon = /\b(?:invalid|expected|received|unrecognized)\b|\btoo (?:small|big)\b|[<>]=/i;

/**
 * A sentence in people's words: a capital letter (or a quote) first, two words at least, no jargon. What
 * it quotes back of the caller's input (“a key they sent”) is theirs, not the sentence's wording: a random
 * key such as `-3'Fj<=2Hs` is not jargon.
 */
const isSentence = (text: unknown): text is string =>
  typeof text === 'string' &&
  /^[A-Z“"]/.test(text) &&
  /\w\W+\w/.test(text) &&
  !validatorJargon.test(text.replace(/“[^”]*”/g, '“”'));

/**
 * Whether a 400 says what is wrong, or what it fails to say. The error map's answer names each field it
 * is about in `data.fields`, each with a sentence in people's words, `data.field` among them, and (over
 * tRPC, where the message is ours) the message repeats each as "field: sentence". A field it names must be
 * one the input declares, or one the caller sent that the input does not take; an input that is an object
 * of fields is never refused without naming one. Only an input that is not an object of fields (or a
 * procedure that takes none) may be refused as a whole, with a sentence. The door names its problem (NUL,
 * lone surrogate, nesting) and, when the text was inside a field, that field.
 */
function whatIsNotSaid(
  res: CallResult<any>,
  input: unknown,
  shape: Record<string, unknown> | undefined,
  surface: 'tRPC' | 'REST',
): string | undefined {
  const c = complaint(res);
  const isFields = input !== null && typeof input === 'object' && !Array.isArray(input);
  const sent = isFields ? (overTheWire(input) as Record<string, unknown>) : {};
  const known = (field: string) => {
    const top = field.split('.')[0]!;
    return shape !== undefined && top in shape ? true : top in sent;
  };
  if (typeof c.code === 'string' && doorCodes.has(c.code)) {
    const json = JSON.stringify(input) ?? '';
    const problem =
      c.code === 'NESTED_TOO_DEEP' ? /nested/ : /\\u0000/.test(json) ? /NUL/ : /lone UTF-16 surrogate/;
    if (!problem.test(c.message)) return `the door's message does not say ${problem.source}`;
    if (c.field !== undefined && !known(c.field))
      return `the door names ${c.field}, not a field of the input`;
    return undefined;
  }
  if (!c.fields || typeof c.fields !== 'object') return 'no data.fields';
  const named = Object.entries(c.fields);
  for (const [field, sentence] of named) {
    if (!known(field)) return `names ${field}, which the input neither declares nor carries`;
    if (!isSentence(sentence))
      return `${field}: ${JSON.stringify(sentence)} is not a sentence in people's words`;
    if (surface === 'tRPC' && !c.message.includes(`${field}: ${sentence}`))
      return `the message does not repeat ${field}: ${sentence}`;
  }
  if (named.length)
    return c.field !== undefined && c.field in c.fields
      ? undefined
      : `data.field ${c.field} is not among data.fields`;
  if (c.field !== undefined) return `data.field ${c.field} is not among data.fields`;
  if (isFields && shape !== undefined && Object.keys(shape).length) return 'names no field';
  return isSentence(c.message)
    ? undefined
    : `${JSON.stringify(c.message)} is not a sentence in people's words`;
}

/**
 * Whether a broken field is still broken once REST has carried it. GET and DELETE send the input, and
 * every method its path parameters, in the URL: as text, numbers coerced back, an empty value dropped (and
 * an empty path segment is no route at all). `12345` is a wrong type for a search in JSON but a fine
 * search in a query string.
 */
function brokenOverRest(p: ProcedureInfo, shape: Record<string, any>, c: BrokenField): boolean {
  const top = c.path.split('.')[0]!;
  const inPath = (p.meta.openapi?.path ?? '').includes(`{${top}}`);
  if (!inPath && !['GET', 'DELETE'].includes(p.meta.openapi?.method ?? '')) return true;
  const field = shape[top];
  const value = c.input[top];
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  if (text === '') return !inPath && !unwrap(field).optional;
  const isNumber = unwrap(field).inner._zod.def.type === 'number';
  return !field.safeParse(isNumber ? Number(text) : text).success;
}

/** Runs `fn` over the items, `size` at a time. */
async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

describe.each(['pglite', 'postgres'] as const)('bad input on %s: a 4xx naming what is wrong', (db) => {
  let app: TestApp;

  beforeAll(async () => {
    // X-Forwarded-For is believed, so each call can come from an address of its own (see founder()).
    app = await startTestApp({ db, env: { ROLES: 'api', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  let addresses = 0;
  /** A client address no call has come from yet. */
  const nextAddress = () => {
    const n = ++addresses;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };

  /**
   * A founder of their own, signed in again whenever a call ended the session (some garbage is valid
   * input: a sign-out), so the next call still reaches validation instead of being refused as anonymous.
   * Each call comes from an address of its own: a procedure with a rate-limit class counts calls per
   * address before it reads the input (a passkey sign-in 60 a minute, a set-password link 10 per 15
   * minutes), and would otherwise answer the garbage with 429 without ever judging it.
   */
  async function founder(): Promise<TestClient> {
    const account = await createAccount(app, { roles: ['founder'] });
    const { client } = await sessionFor(app, account.userId);
    const cookie = app.platform.identity.sessionCookie;
    const request = client.request.bind(client);
    client.request = async (method, path, body, headers = {}) => {
      if (!client.cookies.has(cookie))
        client.cookies.set(cookie, (await openSession(app, account.userId)).token);
      return request(method, path, body, { 'x-forwarded-for': nextAddress(), ...headers });
    };
    return client;
  }

  /** One tRPC call with the input as JSON (the test client would send a string input as a raw body). */
  const trpc = (client: TestClient, p: ProcedureInfo, input: unknown) =>
    p.type === 'query'
      ? client.query(p.path, input)
      : client.request('POST', `/trpc/${p.path}`, input === undefined ? '{}' : JSON.stringify(input));

  function rest(client: TestClient, p: ProcedureInfo, input: unknown) {
    const call = restCallOf(p.meta, input)!;
    return client.request(call.method, call.url, call.body);
  }

  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 120);

  for (const p of procedures) {
    const input = inputOf(p);
    const shape = shapeOf(input);

    it(`${p.path}: each broken field is a 400 naming it, over tRPC${p.meta.openapi ? ' and REST' : ''}`, async () => {
      const client = await founder();
      const cases = shape ? brokenFields(input) : [];
      if (shape && Object.keys(shape).length) expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const what = `${p.path} ← ${c.path} ${c.problem} (${show(c.value)})`;
        const res = await trpc(client, p, c.input);
        expect.soft(res.status, `${what} over tRPC: ${show(res.body)}`).toBe(400);
        expect.soft(complaint(res).field, `${what} over tRPC names the field`).toBe(c.path);
        expect
          .soft(whatIsNotSaid(res, c.input, shape, 'tRPC'), `${what} over tRPC: ${show(res.body)}`)
          .toBe(undefined);
        if (!p.meta.openapi || !brokenOverRest(p, shape!, c)) continue;
        const r = await rest(client, p, c.input);
        expect.soft(r.status, `${what} over REST: ${show(r.body)}`).toBe(400);
        expect.soft(complaint(r).field, `${what} over REST names the field`).toBe(c.path);
        expect
          .soft(whatIsNotSaid(r, c.input, shape, 'REST'), `${what} over REST: ${show(r.body)}`)
          .toBe(undefined);
      }

      // An unknown field is named, wherever it is sent.
      if (shape) {
        const unknown = { ...(validValue(input) as object), unknownField: 'x' };
        const res = await trpc(client, p, unknown);
        expect.soft(res.status, `${p.path} ← unknownField over tRPC`).toBe(400);
        expect.soft(complaint(res).field, `${p.path} ← unknownField over tRPC`).toBe('unknownField');
        expect.soft(complaint(res).message, `${p.path} ← unknownField over tRPC`).toContain('unknownField');
        expect
          .soft(whatIsNotSaid(res, unknown, shape, 'tRPC'), `${p.path} ← unknownField over tRPC`)
          .toBe(undefined);
        if (p.meta.openapi) {
          const r = await rest(client, p, unknown);
          const what = `${p.path} ← unknownField over REST: ${show(r.body)}`;
          expect.soft(r.status, what).toBe(400);
          expect.soft(complaint(r).field, what).toBe('unknownField');
          expect.soft(whatIsNotSaid(r, unknown, shape, 'REST'), what).toBe(undefined);
        }
      }
    });

    const uuidFields = Object.entries(shape ?? {}).filter(([, f]) => isUuidField(f));
    if (uuidFields.length) {
      const expected = unknownIdStatus(
        p,
        uuidFields.map(([k]) => k),
      );
      it(`${p.path}: a well-formed ${uuidFields.map(([k]) => k).join(', ')} that names nothing is a ${expected}`, async () => {
        const client = await founder();
        const base = validValue(input) as Record<string, unknown>;
        for (const [key] of uuidFields) base[key] = crypto.randomUUID();
        const res = await trpc(client, p, base);
        expect(res.status, show(res.body)).toBe(expected);
        if (p.meta.openapi) {
          const r = await rest(client, p, base);
          expect(r.status, show(r.body)).toBe(expected);
        }
      });
    }

    it(`${p.path}: values at the limits, hostile values, random JSON and broken bodies never get a 5xx`, async () => {
      const client = await founder();
      const base = shape ? (validValue(input) as Record<string, unknown>) : undefined;
      const sent: { input: unknown; refused: boolean; field?: string }[] = [];
      const refused = (v: unknown) => (input ? !input.safeParse(overTheWire(v)).success : v !== undefined);
      for (const v of [...hostileValues, { unknownField: 1 }]) sent.push({ input: v, refused: refused(v) });
      for (const key of Object.keys(shape ?? {}))
        for (const v of hostileValues) {
          const whole = { ...base, [key]: v };
          sent.push({ input: whole, refused: refused(whole), field: key });
        }
      for (const edge of edgeFields(input))
        sent.push({ input: edge.input, refused: false, field: edge.path });
      if (shape && Object.keys(shape).length) {
        const record = fc.record(Object.fromEntries(Object.keys(shape).map((k) => [k, fc.jsonValue()])));
        for (const v of fc.sample(record, { numRuns: 10, seed: 42 }))
          sent.push({ input: v, refused: refused(v) });
      }
      // Several in flight at a time: they are independent (a sign-out among them is public).
      await inBatches(sent, 8, async (s) => {
        const res = await trpc(client, p, s.input);
        const what = `${p.path} ← ${show(s.input)}: ${res.status} ${show(res.body)}`;
        expect.soft(res.status, what).toBeLessThan(500);
        if (s.refused) expect.soft(res.status, `${what} (its schema refuses it)`).toBe(400);
        if (res.status !== 400) return;
        expect
          .soft(whatIsNotSaid(res, s.input, shape, 'tRPC'), `${what} should say what is wrong`)
          .toBe(undefined);
        // A field broken alone is the one named, whether its schema or the door refused it.
        const c = complaint(res);
        const atTheDoor = typeof c.code === 'string' && doorCodes.has(c.code);
        if (
          s.field &&
          (atTheDoor || !shape![s.field].safeParse(overTheWire((s.input as any)[s.field])).success)
        )
          expect.soft(c.field?.split('.')[0], `${what} names ${s.field}`).toBe(s.field);
      });
      for (const body of rawBodies) {
        const res =
          p.type === 'query'
            ? await client.request('GET', `/trpc/${p.path}?input=${encodeURIComponent(body)}`)
            : await client.request('POST', `/trpc/${p.path}`, body, { 'content-type': 'application/json' });
        expect.soft(res.status, `${p.path} ← raw ${body.slice(0, 40)}: ${show(res.body)}`).toBeLessThan(500);
        if (body === '{bad json') expect.soft(res.status).toBe(400);
      }
    });
  }

  it('every REST operation answers a body that is not an object of fields, or holds a NUL, with a 400', async () => {
    const client = await founder();
    const ops = procedures.filter((p) => p.meta.openapi);
    expect(ops.length).toBeGreaterThan(10);
    for (const p of ops) {
      const call = restCallOf(p.meta, validValue(inputOf(p)));
      if (!call || call.body === undefined) continue;
      const nul = JSON.stringify({ ...(call.body as object), a: '\u0000' });
      for (const body of ['{bad json', '[]', 'null', '12', 'true', '"str"', nul]) {
        const res = await client.request(call.method, call.url, body, { 'content-type': 'application/json' });
        expect.soft(res.status, `${call.method} ${call.url} ← ${body}: ${show(res.body)}`).toBe(400);
      }
    }
  });

  it('a NUL in the query string is a 400 that says so, over tRPC and REST', async () => {
    const client = await founder();
    for (const url of [
      `/trpc/users.list?input=${encodeURIComponent(JSON.stringify({ search: 'a\u0000b' }))}`,
      '/api/v1/users?search=a%00b',
    ]) {
      const res = await client.request('GET', url);
      expect(res.status, url).toBe(400);
      expect(res.body.message, url).toMatch(/NUL/);
    }
  });

  it('malformed JSON is a 400 that says so', async () => {
    const client = await founder();
    const res = await client.request('POST', '/trpc/auth.signOut', '{bad', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/JSON/);
  });

  it('an oversized body is refused with 413', async () => {
    const client = await founder();
    const big = JSON.stringify({ name: 'x'.repeat(app.platform.config.BODY_LIMIT_BYTES + 10) });
    const res = await client.request('POST', '/trpc/apiKeys.create', big, {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(413);
  });

  it('a sign-up with a malformed email names the email', async () => {
    const res = await app.client().mutate('auth.signUp', {
      email: 'not-an-email',
      password: 'correct-horse-battery',
      displayName: 'X',
    });
    expect(res.status).toBe(400);
    expect(res.error.data.field).toBe('email');
    expect(res.error.message).toMatch(/email/);
  });

  it('a field nobody asked for is refused and named', async () => {
    const res = await app.client().mutate('auth.signUp', {
      email: 'someone@example.test',
      password: 'correct-horse-battery',
      displayName: 'X',
      isAdmin: true,
    });
    expect(res.status).toBe(400);
    expect(res.error.message).toMatch(/isAdmin/);
  });
});
