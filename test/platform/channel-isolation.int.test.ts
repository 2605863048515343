import { getTableColumns } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/router';
import { startTestApp, type TestApp } from '../helpers/app';
import { listProcedures, restCallOf } from '../helpers/procedures';
import { productRegistry } from '../helpers/registry';
import {
  createTenancyWorld,
  loadTenancyFixtures,
  type Probe,
  snapshotChanges,
  snapshotChannel,
  type TenancyWorld,
} from '../helpers/tenancy';

const tables = productRegistry.tables;

describe('every tenant-owned table carries channel_id', () => {
  it.each(tables.map((t) => [t.name, t] as const))('%s', (name, t) => {
    if (t.global !== undefined) {
      expect(t.global.length, `${name} is declared global without a reason`).toBeGreaterThan(10);
      return;
    }
    const columns = Object.values(getTableColumns(t.table)).map((c) => c.name);
    expect(columns, `${name} needs a channel_id column (or a globalTables entry with a reason)`).toContain(
      'channel_id',
    );
  });
});

const fixtures = await loadTenancyFixtures();
const procedures = listProcedures(appRouter);

/**
 * Two channels besides the default one, reached by host. Every slice's tenancy fixture fills channel B
 * through B's own API; then channel A's founder calls every procedure of the router, over tRPC and over
 * REST, with inputs aimed at B's real ids. Each call must get exactly the status its probe names, show
 * nothing of B, and leave every row of B (its tenant tables, its people's accounts, sessions and passkeys)
 * as it was.
 */
describe('no procedure reads or writes across channels', () => {
  let app: TestApp;
  let world: TenancyWorld;
  let markers: string[] = [];
  let baseline: Record<string, string[]>;
  /** B after the last probe: each probe is checked against it, so a change is blamed on its probe alone. */
  let current: Record<string, string[]>;
  const probes = new Map<string, { file: string; probes: Probe[] }>();
  /** B as it stands; the caller's own account rows are theirs to change (they sell on B too). */
  const snapshotB = () => snapshotChannel(app, world.b.id, { except: [world.a.founder.userId] });
  const claimedTwice: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ env: { ROLES: 'api', PUBLIC_URL: 'http://localhost:3000' } });
    world = await createTenancyWorld(app);
    const b = world.b;
    markers = [b.id, b.founder.userId, b.founder.email, 'B-MARKER'];
    for (const { file, fixture } of fixtures) {
      const seeded = await fixture.seed(world);
      markers.push(...seeded.markers);
      for (const [path, p] of Object.entries(fixture.probes(seeded, world))) {
        if (probes.has(path)) claimedTwice.push(`${path} (${probes.get(path)!.file} and ${file})`);
        probes.set(path, { file, probes: Array.isArray(p) ? [...p] : [p as Probe] });
      }
    }
    expect((await b.founder.client.query('auth.me')).data.channel.id).toBe(b.id);
    baseline = await snapshotB();
    // Every id of B's rows is a marker too, whichever fixture made the row.
    for (const row of Object.values(baseline).flat()) markers.push(String(JSON.parse(row).id ?? ''));
    markers = [...new Set(markers.filter((m) => m.length >= 8))];
    current = baseline;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('fixtures fill channel B and aim probes at every procedure, and only at procedures that exist', () => {
    expect(fixtures.map((f) => f.file)).toContain('src/platform/auth/tenancy.fixture.ts');
    expect(Object.values(baseline).flat().length, 'channel B has rows to protect').toBeGreaterThan(10);
    const paths = new Set(procedures.map((p) => p.path));
    expect(
      procedures.filter((p) => !probes.has(p.path)).map((p) => p.path),
      'procedures without a tenancy probe: add them to the tenancy.fixture.ts beside their module index.ts',
    ).toEqual([]);
    expect(
      [...probes.keys()].filter((p) => !paths.has(p)),
      'probes of procedures that do not exist',
    ).toEqual([]);
    expect(claimedTwice, 'procedures probed by two fixtures').toEqual([]);
  });

  /** Calls a procedure as channel A's founder, on a session of its own (some probes end theirs). */
  async function call(
    p: (typeof procedures)[number],
    probe: Probe,
    surface: 'tRPC' | 'REST',
  ): Promise<{ status: number; data: unknown; text: string; input: unknown }> {
    const { client } = await world.sessionOn(world.a, world.a.founder.userId);
    const input = probe.prepare ? await probe.prepare(client) : probe.input;
    if (surface === 'tRPC') {
      const res = p.type === 'query' ? await client.query(p.path, input) : await client.mutate(p.path, input);
      return { status: res.status, data: res.data, text: JSON.stringify(res.body) ?? '', input };
    }
    const rest = restCallOf(p.meta, input)!;
    const res = await client.request(rest.method, rest.url, rest.body);
    return { status: res.status, data: res.body, text: JSON.stringify(res.body) ?? '', input };
  }

  for (const p of procedures) {
    it(`${p.path}: channel A gets exactly its answer, nothing of B, and B stays as it was`, async () => {
      const entry = probes.get(p.path);
      expect(entry, `${p.path} has no tenancy probe`).toBeDefined();
      const surfaces = p.meta.openapi ? (['tRPC', 'REST'] as const) : (['tRPC'] as const);
      for (const probe of entry!.probes) {
        for (const surface of surfaces) {
          const label = `${p.path}${probe.name ? ` (${probe.name})` : ''} over ${surface}`;
          const res = await call(p, probe, surface);
          expect.soft(res.status, `${label}: ${res.text.slice(0, 400)}`).toBe(probe.status);
          // An answer may repeat what the caller sent (a 404 naming the id); anything else of B is a leak.
          const sent = JSON.stringify(res.input) ?? '';
          const shown = new Set(probe.reveals?.markers ?? []);
          for (const m of markers)
            if (!sent.includes(m) && !shown.has(m))
              expect.soft(res.text, `${label} shows B's ${m}`).not.toContain(m);
          if (res.status === 200 && probe.check) await probe.check(res.data);
          const after = await snapshotB();
          expect.soft(snapshotChanges(current, after), `${label} changed channel B`).toEqual([]);
          current = after;
        }
      }
    });
  }

  it('after every probe, channel B is exactly as its own people left it', async () => {
    expect(snapshotChanges(baseline, await snapshotB())).toEqual([]);
  });

  it("a channel B API key is refused on channel A's host", async () => {
    const b = world.b;
    const created = await b.founder.client.mutate('apiKeys.create', { name: 'B-2', scopes: ['users.read'] });
    expect(created.status).toBe(200);
    const bearer = { authorization: `Bearer ${created.data.key}` };
    const onB = app.client({ host: b.host });
    expect((await onB.request('GET', '/trpc/users.list?input=%7B%7D', undefined, bearer)).status).toBe(200);
    expect((await onB.request('GET', '/api/v1/users', undefined, bearer)).status).toBe(200);
    const onA = app.client({ host: world.a.host });
    expect((await onA.request('GET', '/trpc/users.list?input=%7B%7D', undefined, bearer)).status).toBe(401);
    expect((await onA.request('GET', '/api/v1/users', undefined, bearer)).status).toBe(401);
  });
});
