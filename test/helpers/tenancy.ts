import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { channels, roleAssignments } from '../../src/platform/access';
import { queryRows } from '../../src/platform/db';
import { newId } from '../../src/platform/ids';
import type { TestApp, TestClient } from './app';
import { createAccount, sessionFor } from './users';

/**
 * Tenancy fixtures: each slice or module that serves procedures keeps a `tenancy.fixture.ts` beside its
 * index.ts. Its `seed` fills channel B through B's own API or services and returns the ids it made plus
 * marker strings; its `probes` give, for every one of its procedures, a valid input aimed at those ids and
 * the status channel A's founder must get. test/platform/channel-isolation.int.test.ts finds every fixture,
 * fails on a procedure nobody probes, and runs each probe over tRPC and REST.
 */

export interface Channel {
  id: string;
  /** The host that reaches it (requests carry it in `Host`). */
  host: string;
}

export interface Founder {
  userId: string;
  email: string;
  password: string;
}

export interface TenancyWorld {
  app: TestApp;
  /**
   * The caller's channel: its founder calls every procedure. The founder also sells on B (a creator
   * there), so B holds rows of the caller's own, which acting through A's host must not reach either.
   */
  a: Channel & { founder: Founder };
  /** The channel the probes aim at. Its founder's client is signed in on B's host. */
  b: Channel & { founder: Founder & { client: TestClient; sessionId: string } };
  /** Signs the user in on the channel's host without the password endpoint (a session made directly). */
  sessionOn(channel: Channel, userId: string): Promise<{ client: TestClient; sessionId: string }>;
  /** An account whose home is the channel, made through the auth service (no password). */
  accountOn(
    channel: Channel,
    opts?: { email?: string; displayName?: string },
  ): Promise<{ userId: string; email: string }>;
}

export interface Seeded {
  /** Strings of channel B (ids, names, emails) that must never appear in an answer to channel A. */
  markers: string[];
}

/** A status that is not plain success or "not found" says why: the reader must see it is not a dodge. */
type Expectation = { status: 200 | 404; why?: string } | { status: 400 | 401 | 403 | 409 | 422; why: string };

export type Probe = Expectation & {
  /** Tells probes of one procedure apart in failure messages. */
  name?: string;
  /** The input, aimed at channel B's ids. */
  input?: unknown;
  /** Builds the input with A's signed-in caller in hand, when it needs a step first (a ceremony's challenge). */
  prepare?: (caller: TestClient) => Promise<unknown>;
  /** B's markers this answer shows by design (identity is global), and why. */
  reveals?: { markers: string[]; why: string };
  /** More to check on a 200 answer (the procedure's output, over tRPC or REST). */
  check?: (data: any) => void | Promise<void>;
};

export interface TenancyFixture<S extends Seeded = Seeded> {
  seed(world: TenancyWorld): Promise<S>;
  /** Keyed by procedure path (`users.assignRole`); several probes for one procedure in an array. */
  probes(seeded: S, world: TenancyWorld): Record<string, Probe | readonly Probe[]>;
}

export const defineTenancyFixture = <S extends Seeded>(fixture: TenancyFixture<S>): TenancyFixture<S> =>
  fixture;

/** Set-up through the API must succeed; throws with the answer when it does not. */
export function must<T extends { status: number; body: unknown }>(res: T, what: string): T {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Every `tenancy.fixture.ts` under src/, with its path relative to the repository. */
export async function loadTenancyFixtures(): Promise<{ file: string; fixture: TenancyFixture<Seeded> }[]> {
  const files = (
    fs.readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' }) as string[]
  )
    .filter((f) => path.basename(f) === 'tenancy.fixture.ts')
    .map((f) => `src/${f.split(path.sep).join('/')}`)
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const mod = (await import(pathToFileURL(path.join(repoRoot, file)).href)) as {
        tenancyFixture?: TenancyFixture<Seeded>;
      };
      if (!mod.tenancyFixture) throw new Error(`${file} must export tenancyFixture (defineTenancyFixture)`);
      return { file, fixture: mod.tenancyFixture };
    }),
  );
}

/**
 * Two channels besides the deployment's default, each with a founder; B's founder signed in on B's host,
 * A's founder a creator on B as well.
 */
export async function createTenancyWorld(app: TestApp): Promise<TenancyWorld> {
  const a = { id: newId(), host: 'a.example.test' };
  const b = { id: newId(), host: 'b.example.test' };
  await app.platform.db.insert(channels).values([
    { id: a.id, slug: 'channel-a', name: 'Channel A', domains: [a.host] },
    { id: b.id, slug: 'channel-b', name: 'B-MARKER Channel B', domains: [b.host] },
  ]);
  const password = 'tenancy-probe-correct-horse-7';
  const founderOf = async (c: Channel, label: string) => {
    const account = await createAccount(app, {
      channelId: c.id,
      roles: ['founder'],
      email: `founder-${label}@example.test`,
      displayName: `${label === 'b' ? 'B-MARKER' : 'A'} founder`,
      password,
    });
    return { userId: account.userId, email: account.email, password };
  };
  const aFounder = await founderOf(a, 'a');
  const bFounder = await founderOf(b, 'b');
  // Granted by the platform: a channel's console lists (and grants roles to) its own people only.
  await app.platform.db
    .insert(roleAssignments)
    .values({ channelId: b.id, userId: aFounder.userId, role: 'creator' });
  const bSession = await sessionFor(app, bFounder.userId, { host: b.host });
  return {
    app,
    a: { ...a, founder: aFounder },
    b: { ...b, founder: { ...bFounder, ...bSession } },
    sessionOn: (c, userId) => sessionFor(app, userId, { host: c.host }),
    accountOn: async (c, opts = {}) => {
      const account = await createAccount(app, { channelId: c.id, ...opts });
      return { userId: account.userId, email: account.email };
    },
  };
}

/**
 * Everything of a channel, as rows of text: each tenant table's rows (the registry says which tables are
 * tenant tables) and, in the global tables that hold accounts and what belongs to an account (users, and
 * every global table with a `user_id`: sessions, passkeys, one-time links, ceremonies in flight), the rows
 * of the channel's people (those whose home it is, or who hold a role there) but `except` (the caller,
 * whose own account its calls may change).
 */
export async function snapshotChannel(
  app: TestApp,
  channelId: string,
  opts: { except?: string[] } = {},
): Promise<Record<string, string[]>> {
  const db = app.platform.db;
  const out: Record<string, string[]> = {};
  const rowsOf = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ row: string }>(db, query)).map((r) => r.row);
  const except = opts.except?.length ? opts.except : [newId()];
  const people = sql`(select id from users
    where (home_channel_id = ${channelId}
           or id in (select user_id from role_assignments where channel_id = ${channelId}))
      and id not in ${except})`;
  out['users (people of the channel)'] = await rowsOf(
    sql`select to_jsonb(u)::text as row from users u where u.id in ${people} order by 1`,
  );
  for (const t of app.platform.registry.tables) {
    const config = getTableConfig(t.table);
    if (t.global === undefined) {
      out[config.name] = await rowsOf(
        sql`select to_jsonb(t)::text as row from ${t.table} t where t.channel_id = ${channelId} order by 1`,
      );
    } else if (config.columns.some((c) => c.name === 'user_id')) {
      out[`${config.name} (people of the channel)`] = await rowsOf(
        sql`select to_jsonb(t)::text as row from ${t.table} t where t.user_id in ${people} order by 1`,
      );
    }
  }
  return out;
}

/** What changed between two snapshots, one line per row gone or come ("api_keys: - {...}"). */
export function snapshotChanges(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    for (const row of was) if (!is.has(row)) out.push(`${table}: - ${row}`);
    for (const row of is) if (!was.has(row)) out.push(`${table}: + ${row}`);
  }
  return out;
}
