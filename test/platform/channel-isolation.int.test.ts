import { eq, getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../src/platform/access/schema';
import * as schema from '../../src/platform/db/schema';
import { newId } from '../../src/platform/ids';
import { appRouter } from '../../src/router';
import { startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { listProcedures } from '../helpers/procedures';
import { signUpAs } from '../helpers/users';

/** Tables that belong to the deployment, not to a channel. Everything else must carry channel_id. */
const GLOBAL_TABLES = new Set([
  'channels',
  'users',
  'sessions',
  'passkeys',
  'auth_challenges',
  'account_tokens', // one-time links for an account, which is global like users
  'idempotency_keys',
  'event_consumptions',
]);

const tables = (Object.values(schema) as unknown[]).filter(
  (v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
);

describe('every tenant-owned table carries channel_id', () => {
  it.each(tables.map((t) => [getTableConfig(t).name, t] as const))('%s', (name, table) => {
    if (GLOBAL_TABLES.has(name)) return;
    const columns = Object.values(getTableColumns(table)).map((c) => c.name);
    expect(
      columns,
      `${name} needs a channel_id column (or belongs in GLOBAL_TABLES with a reason)`,
    ).toContain('channel_id');
  });
});

/**
 * Two channels on one deployment. Channel B is filled through its own API; then channel A's founder calls
 * every procedure: reads must never show B's data, and writes aimed at B's ids must leave B untouched.
 */
describe('no procedure reads or writes across channels', () => {
  let app: TestApp;
  let a: TestClient;
  let bIds: string[] = [];
  let bMarkers: string[] = [];
  const channelB = newId();
  const tenantTables = tables.filter((t) => !GLOBAL_TABLES.has(getTableConfig(t).name));

  async function snapshotB(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of tenantTables) {
      const name = getTableConfig(t).name;
      const rows = await app.platform.db.execute(
        sql`select * from ${t} where channel_id = ${channelB} order by 1`,
      );
      out[name] = (rows as unknown as { rows: unknown[] }).rows;
    }
    return out;
  }

  beforeAll(async () => {
    app = await startTestApp();
    await app.platform.db
      .insert(channels)
      .values({ id: channelB, slug: 'b', name: 'Channel B', domains: ['b.example.test'] });
    const bHost = { host: 'b.example.test' };
    const bFounder = await signUpAs(app, ['founder'], {
      channelId: channelB,
      client: app.client(bHost),
      email: 'founder-b@example.test',
    });
    const bStaff = await signUpAs(app, [], {
      channelId: channelB,
      client: app.client(bHost),
      email: 'staff-b@example.test',
    });
    const me = await bFounder.client.query('auth.me');
    expect(me.data.channel.id).toBe(channelB);
    // B's own activity: a role grant (audited) and an API key.
    expect(
      (await bFounder.client.mutate('users.assignRole', { userId: bStaff.userId, role: 'support' })).status,
    ).toBe(200);
    const key = await bFounder.client.mutate('apiKeys.create', {
      name: 'B-MARKER-KEY',
      scopes: ['users.read'],
    });
    expect(key.status).toBe(200);
    bIds = [channelB, bFounder.userId, bStaff.userId, key.data.apiKey.id];
    bMarkers = ['B-MARKER-KEY', 'founder-b@example.test', 'staff-b@example.test', ...bIds];
    a = (await signUpAs(app, ['founder'])).client;
  });
  afterAll(async () => {
    await app?.close();
  });

  const procedures = listProcedures(appRouter);

  it("channel A's founder reads nothing of channel B", async () => {
    let answered = 0;
    for (const p of procedures.filter((x) => x.type === 'query')) {
      for (const input of [undefined, {}]) {
        const res = await a.query(p.path, input);
        if (res.status !== 200) continue;
        answered++;
        const text = JSON.stringify(res.body);
        for (const m of bMarkers) expect(text, `${p.path} leaked ${m}`).not.toContain(m);
      }
    }
    expect(answered).toBeGreaterThan(3);
  });

  it("channel A's writes aimed at channel B's ids leave channel B untouched", async () => {
    const before = await snapshotB();
    for (const p of procedures.filter((x) => x.type === 'mutation')) {
      const keys = Object.keys(
        ((appRouter as any)._def.procedures[p.path]._def.inputs?.[0]?.shape ?? {}) as object,
      );
      const idKeys = keys.filter((k) => k === 'id' || k.endsWith('Id'));
      if (!idKeys.length) continue;
      for (const id of bIds) {
        const input = Object.fromEntries(
          keys.map((k) => [k, idKeys.includes(k) ? id : k === 'role' ? 'support' : 'x']),
        );
        await a.mutate(p.path, input);
      }
    }
    const after = await snapshotB();
    expect(after).toEqual(before);
  });

  it("a channel B API key is refused on channel A's host", async () => {
    const bHost = { host: 'b.example.test' };
    const bFounder = app.client(bHost);
    const signIn = await bFounder.mutate('auth.signIn', {
      email: 'founder-b@example.test',
      password: 'correct-horse-battery-staple',
    });
    expect(signIn.status).toBe(200);
    const created = await bFounder.mutate('apiKeys.create', { name: 'B-2', scopes: ['users.read'] });
    const onB = await app.client(bHost).request('GET', '/trpc/users.list?input=%7B%7D', undefined, {
      authorization: `Bearer ${created.data.key}`,
    });
    expect(onB.status).toBe(200);
    const onA = await app.client().request('GET', '/trpc/users.list?input=%7B%7D', undefined, {
      authorization: `Bearer ${created.data.key}`,
    });
    expect(onA.status).toBe(401);
    const [row] = await app.platform.db.select().from(channels).where(eq(channels.id, channelB));
    expect(row?.slug).toBe('b');
  });
});
