import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp, TestClient } from '../../../test/helpers/app';
import { createTestPglite, createTestPostgres, type TestDatabase } from '../../../test/helpers/db';
import { waitFor } from '../../../test/helpers/wait-for';
import { createPlatform } from '../../app';
import { loadConfig } from '../config';
import { anonymousActor } from '../context';
import { AppError } from '../errors';
import { buildServer } from '../http/server';
import { procedure, router } from '../http/trpc';
import { defineModule } from '../kit';
import type { Platform } from '../platform';
import { claimKey, KEEP_MS, purgeExpiredIdempotencyKeys, STALE_AFTER_MS } from './key-store';
import { idempotencyScope, requestHashOf } from './middleware';
import { idempotencyKeys } from './schema';

/** A counter whose executions the tests count: the side effect idempotency must not repeat. */
function counterRouter() {
  const state = { executions: 0, failNext: false };
  const Bump = z.strictObject({ amount: z.number().int(), delayMs: z.number().int().max(5000).optional() });
  const Out = z.object({ execution: z.number(), amount: z.number(), at: z.string() });
  const bump = async (input: z.infer<typeof Bump>) => {
    const execution = ++state.executions;
    if (input.delayMs) await sleep(input.delayMs);
    if (state.failNext) {
      state.failNext = false;
      throw new AppError('CONFLICT', 'the counter is busy, try again');
    }
    return { execution, amount: input.amount, at: new Date().toISOString() };
  };
  const appRouter = router({
    counter: router({
      bump: procedure('public')
        .meta({ openapi: { method: 'POST', path: '/counter/bump', tags: ['test'] } })
        .input(Bump)
        .output(Out)
        .mutation(({ input }) => bump(input)),
      bumpAgain: procedure('public')
        .input(Bump)
        .output(Out)
        .mutation(({ input }) => bump(input)),
      bumpAlways: procedure('public')
        .meta({ idempotency: 'off' })
        .input(Bump)
        .output(Out)
        .mutation(({ input }) => bump(input)),
      reset: procedure('public')
        .input(z.strictObject({}))
        .output(z.void())
        .mutation(() => {
          state.executions++;
        }),
    }),
  });
  return { state, appRouter };
}

async function serve(database: TestDatabase) {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    // The tests play several callers through X-Forwarded-For.
    TRUST_PROXY: 'true',
  });
  const platform = await createPlatform(config, { database, migrated: true });
  const counter = counterRouter();
  const server = await buildServer(platform, { router: counter.appRouter });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return { platform, server, url: address, ...counter };
}

const key = () => `key-${Math.random().toString(36).slice(2)}`;

describe.each(['pglite', 'postgres'] as const)('Idempotency-Key on %s', (kind) => {
  let database: TestDatabase;
  let platform: Platform;
  let server: FastifyInstance;
  let state: { executions: number; failNext: boolean };
  let client: TestClient;

  beforeAll(async () => {
    database = kind === 'postgres' ? await createTestPostgres() : await createTestPglite();
    const s = await serve(database);
    ({ platform, server, state } = s);
    client = new TestClient(s.url);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });
  beforeEach(() => {
    state.failNext = false;
  });

  const bump = (input: object, k?: string, headers: Record<string, string> = {}) =>
    client.mutate('counter.bump', input, k === undefined ? headers : { ...headers, 'idempotency-key': k });

  it('without the header, every call runs', async () => {
    const before = state.executions;
    await bump({ amount: 1 });
    await bump({ amount: 1 });
    expect(state.executions).toBe(before + 2);
  });

  it('a tRPC replay returns the stored response with Idempotent-Replayed, without running again', async () => {
    const k = key();
    const first = await bump({ amount: 5 }, k);
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const executions = state.executions;
    const again = await bump({ amount: 5 }, k);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(state.executions).toBe(executions);
  });

  it('a REST replay does the same, and shares the key with tRPC for the same procedure', async () => {
    const k = key();
    const first = await client.request(
      'POST',
      '/api/v1/counter/bump',
      { amount: 7 },
      { 'idempotency-key': k },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const executions = state.executions;
    const again = await client.request(
      'POST',
      '/api/v1/counter/bump',
      { amount: 7 },
      { 'idempotency-key': k },
    );
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const viaTrpc = await bump({ amount: 7 }, k);
    expect(viaTrpc.headers.get('idempotent-replayed')).toBe('true');
    expect(viaTrpc.data).toEqual(first.body);
    expect(state.executions).toBe(executions);
  });

  it('the same key with a different body is a 422 that says so (tRPC and REST)', async () => {
    const k = key();
    await bump({ amount: 1 }, k);
    const executions = state.executions;
    const other = await bump({ amount: 2 }, k);
    expect(other.status).toBe(422);
    expect(other.error.data.appCode).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.error.message).toMatch(/different request body/);
    const rest = await client.request(
      'POST',
      '/api/v1/counter/bump',
      { amount: 2 },
      { 'idempotency-key': k },
    );
    expect(rest.status).toBe(422);
    expect(rest.body.message).toMatch(/different request body/);
    expect(state.executions).toBe(executions);
  });

  it('a key longer than 255 characters is a 400 naming Idempotency-Key', async () => {
    const executions = state.executions;
    const r = await bump({ amount: 1 }, 'k'.repeat(256));
    expect(r.status).toBe(400);
    expect(r.error.message).toMatch(/Idempotency-Key/);
    expect(r.error.data.field).toBe('Idempotency-Key');
    const rest = await client.request(
      'POST',
      '/api/v1/counter/bump',
      { amount: 1 },
      { 'idempotency-key': 'k'.repeat(256) },
    );
    expect(rest.status).toBe(400);
    expect(state.executions).toBe(executions);
    expect((await bump({ amount: 1 }, 'k'.repeat(255))).status).toBe(200);
  });

  it('a duplicate while the first is still running is a 409', async () => {
    const k = key();
    const slow = bump({ amount: 3, delayMs: 400 }, k);
    await sleep(150);
    const dup = await bump({ amount: 3, delayMs: 400 }, k);
    expect(dup.status).toBe(409);
    expect(dup.error.data.appCode).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect((await slow).status).toBe(200);
    expect((await bump({ amount: 3, delayMs: 400 }, k)).headers.get('idempotent-replayed')).toBe('true');
  });

  it('a failed attempt is not stored: the same key may be retried and then replays', async () => {
    const k = key();
    state.failNext = true;
    const failed = await bump({ amount: 4 }, k);
    expect(failed.status).toBe(409);
    expect(failed.error.data.appCode).toBe('CONFLICT');
    const executions = state.executions;
    const retried = await bump({ amount: 4 }, k);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(state.executions).toBe(executions + 1);
    expect((await bump({ amount: 4 }, k)).data).toEqual(retried.data);
  });

  it('keys never collide across callers or procedures', async () => {
    const k = key();
    const executions = state.executions;
    await bump({ amount: 1 }, k, { 'x-forwarded-for': '203.0.113.1' });
    const sameCaller = await bump({ amount: 1 }, k, { 'x-forwarded-for': '203.0.113.1' });
    expect(sameCaller.headers.get('idempotent-replayed')).toBe('true');
    const otherCaller = await bump({ amount: 1 }, k, { 'x-forwarded-for': '203.0.113.2' });
    const otherProcedure = await client.mutate('counter.bumpAgain', { amount: 1 }, { 'idempotency-key': k });
    expect(otherCaller.headers.get('idempotent-replayed')).toBeNull();
    expect(otherProcedure.headers.get('idempotent-replayed')).toBeNull();
    expect(state.executions).toBe(executions + 3);
  });

  it('a procedure that opts out ignores the header', async () => {
    const k = key();
    const executions = state.executions;
    await client.mutate('counter.bumpAlways', { amount: 1 }, { 'idempotency-key': k });
    const again = await client.mutate('counter.bumpAlways', { amount: 1 }, { 'idempotency-key': k });
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(state.executions).toBe(executions + 2);
  });

  it('a mutation with no output replays as no output', async () => {
    const k = key();
    const first = await client.mutate('counter.reset', {}, { 'idempotency-key': k });
    const executions = state.executions;
    const again = await client.mutate('counter.reset', {}, { 'idempotency-key': k });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(state.executions).toBe(executions);
  });

  /** The row the server keeps for an anonymous caller from 127.0.0.1 on counter.bump. */
  const scopeOfBump = () =>
    idempotencyScope(
      { channelId: platform.defaultChannelId, actor: anonymousActor(), req: { ip: '127.0.0.1' } as never },
      'counter.bump',
    );

  it('a key left in progress by a crashed process is taken over once stale, not before', async () => {
    const now = Date.now();
    const inProgressSince = async (ageMs: number) => {
      const k = key();
      await platform.db.insert(idempotencyKeys).values({
        scope: scopeOfBump(),
        key: k,
        requestHash: requestHashOf({ amount: 9 }),
        state: 'in_progress',
        createdAt: new Date(now - ageMs),
        expiresAt: new Date(now + KEEP_MS),
      });
      return k;
    };
    const executions = state.executions;
    const recent = await bump({ amount: 9 }, await inProgressSince(STALE_AFTER_MS - 10_000));
    expect(recent.status).toBe(409);
    expect(state.executions).toBe(executions);
    const stale = await bump({ amount: 9 }, await inProgressSince(STALE_AFTER_MS + 1000));
    expect(stale.status).toBe(200);
    expect(state.executions).toBe(executions + 1);
  });

  it('expired keys are purged, and an expired key is free again', async () => {
    const now = new Date();
    const expired = key();
    const live = key();
    const rows = [expired, live].map((k, i) => ({
      scope: scopeOfBump(),
      key: k,
      requestHash: requestHashOf({ amount: 100 + i }),
      state: 'done',
      responseStatus: 200,
      responseBody: { data: { execution: 0, amount: 100 + i, at: 'then' } },
      createdAt: new Date(now.getTime() - KEEP_MS - 60_000),
      expiresAt: new Date(now.getTime() + (i === 0 ? -60_000 : 60_000)),
    }));
    await platform.db.insert(idempotencyKeys).values(rows);

    // Not purged yet, but past its expiry: a new body under the old key runs instead of a 422.
    const reused = await bump({ amount: 1 }, expired);
    expect(reused.status).toBe(200);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();

    const stale = key();
    await platform.db.insert(idempotencyKeys).values({ ...rows[0]!, key: stale });
    expect(await purgeExpiredIdempotencyKeys(platform.db, now)).toBeGreaterThanOrEqual(1);
    const left = await platform.db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.scope, scopeOfBump()));
    const keys = left.map((r) => r.key);
    expect(keys).not.toContain(stale);
    expect(keys).toContain(live);
    expect(keys).toContain(expired); // re-claimed above with a fresh expiry
    expect(await purgeExpiredIdempotencyKeys(platform.db, now)).toBe(0);
  });
});

/**
 * A mutation that holds every execution at a gate the test opens: the first claim stays in progress while
 * the duplicates arrive, so each of them has to be decided by the claim itself, never by a stored answer.
 */
function gatedModule() {
  const state = { executions: 0, release: () => {} };
  const gate = new Promise<void>((resolve) => {
    state.release = resolve;
  });
  const module = defineModule({
    name: 'gated',
    description: 'A mutation that waits for the test to let it finish (this test only)',
    router: {
      gated: router({
        order: procedure('public')
          .meta({ openapi: { method: 'POST', path: '/gated/orders', tags: ['test'], summary: 'Order' } })
          .input(z.strictObject({ sku: z.string() }))
          .output(z.object({ execution: z.number(), sku: z.string() }))
          .mutation(async ({ input }) => {
            const execution = ++state.executions;
            await gate;
            return { execution, sku: input.sku };
          }),
      }),
    },
  });
  return { module, state };
}

/**
 * Fifty duplicates that really overlap: the key table is locked until all fifty wait at their claim (in
 * PostgreSQL or for a pooled connection), then released at once; the one that gets through is held at the
 * handler's gate until the other forty-nine are answered, so none of them can be settled by a stored reply.
 */
describe('Idempotency-Key under load on PostgreSQL', () => {
  let app: TestApp;
  const gated = gatedModule();

  beforeAll(async () => {
    app = await startTestApp({ db: 'postgres', env: { ROLES: 'api' }, modules: [gated.module] });
  });
  afterAll(async () => {
    gated.state.release();
    await app?.close();
  });

  it('50 identical orders in flight at once: the handler runs once, the others get 409 until it is done', async () => {
    const k = key();
    const client = app.client();
    await client.request('GET', '/trpc/system.ping'); // the CSRF cookie, once
    // Hold the key table, so every duplicate reaches its claim before any claim can go through.
    const holder = new pg.Client({ connectionString: app.database.url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table idempotency_keys in access exclusive mode');
    let answered = 0;
    const calls = Array.from({ length: 50 }, (_, i) => {
      const send =
        i % 2 === 0
          ? client.mutate('gated.order', { sku: 'drop-1' }, { 'idempotency-key': k })
          : client
              .request('POST', '/api/v1/gated/orders', { sku: 'drop-1' }, { 'idempotency-key': k })
              .then((r) => ({ ...r, data: r.body, error: r.body }));
      return send.finally(() => {
        answered++;
      });
    });
    try {
      await waitFor('all 50 requests to wait at their claim', async () => {
        // pg_locks is read live (pg_stat_activity would be a snapshot frozen for this transaction).
        const { rows } = await holder.query<{ n: number }>(
          `select count(*)::int as n from pg_locks
            where relation = 'idempotency_keys'::regclass and not granted`,
        );
        return rows[0]!.n + app.database.pool!.waitingCount >= 50 ? true : undefined;
      });
    } finally {
      await holder.query('commit');
      await holder.end();
    }
    // Every request is decided (answered, or running and held at the gate) before the first may finish.
    await waitFor('every duplicate to be answered while the first is held', async () =>
      answered + gated.state.executions >= 50 ? true : undefined,
    );
    const held = gated.state.executions;
    gated.state.release();
    const results = await Promise.all(calls);

    expect(held, 'handlers that ran while the first still held its claim').toBe(1);
    expect(gated.state.executions).toBe(1);
    const ok = results.filter((r) => r.status === 200);
    const busy = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(busy).toHaveLength(49);
    for (const r of busy) expect(r.error.data.appCode).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(ok[0]!.data).toEqual({ execution: 1, sku: 'drop-1' });

    const later = await client.mutate('gated.order', { sku: 'drop-1' }, { 'idempotency-key': k });
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect(later.data).toEqual({ execution: 1, sku: 'drop-1' });
    expect(gated.state.executions).toBe(1);
  });
});

/** The claim itself, called fifty times at once on a pool of 25 connections: atomic or not, it shows here. */
describe('claimKey on a PostgreSQL pool', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestPostgres({ max: 25 });
    // Open every connection first, so the claims below start together instead of waiting on connects.
    await Promise.all(Array.from({ length: 25 }, () => database.pool!.query('select pg_sleep(0.05)')));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('of 50 simultaneous claims of one key exactly one wins, every time', async () => {
    const now = new Date();
    for (let round = 0; round < 5; round++) {
      const ref = { scope: `test|anonymous:203.0.113.9|orders.place`, key: key() };
      const claims = await Promise.all(
        Array.from({ length: 50 }, () => claimKey(database.db, ref, requestHashOf({ round }), now)),
      );
      const kinds = claims.map((c) => c.kind);
      expect(
        kinds.filter((k) => k === 'claimed'),
        `round ${round}`,
      ).toHaveLength(1);
      expect(
        kinds.filter((k) => k === 'in_progress'),
        `round ${round}`,
      ).toHaveLength(49);
    }
  });

  it('a simultaneous claim with another body is told the key is taken, not given it', async () => {
    const now = new Date();
    const ref = { scope: 'test|anonymous:203.0.113.9|orders.place', key: key() };
    const claims = await Promise.all(
      Array.from({ length: 50 }, (_, i) => claimKey(database.db, ref, requestHashOf({ body: i % 2 }), now)),
    );
    const winners = claims.filter((c) => c.kind === 'claimed');
    expect(winners).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'reused')).toHaveLength(25);
    expect(claims.filter((c) => c.kind === 'in_progress')).toHaveLength(24);
  });
});
