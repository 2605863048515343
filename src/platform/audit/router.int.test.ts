import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { createTestPglite, type TestDatabase } from '../../../test/helpers/db';
import { permissionsOf } from '../../../test/helpers/registry';
import { signUpAs } from '../../../test/helpers/users';
import { createPlatform } from '../../app';
import { appRouter } from '../../router';
import { channels } from '../access';
import { users } from '../auth/schema';
import { fixedClock } from '../clock';
import { loadConfig } from '../config';
import { type Actor, inTransaction } from '../context';
import { createCallerFactory } from '../http/trpc';
import { newId } from '../ids';
import type { Role } from '../kit';
import type { Platform } from '../platform';
import { recordAudit } from './record';

const asUser = (userId: string, roles: Role[]): Actor => ({
  kind: 'user',
  userId,
  roles,
  permissions: permissionsOf(roles),
});

describe('the audit viewer API', () => {
  let db: TestDatabase;
  let platform: Platform;
  const clock = fixedClock('2026-01-10T09:00:00.000Z');
  const admin = newId();
  const other = newId();
  const otherChannel = newId();
  const entries: Array<{ id: string; seq: number }> = [];

  const caller = (actor: Actor, channelId = platform.defaultChannelId) =>
    createCallerFactory(appRouter)({
      platform,
      db: platform.db,
      actor,
      channelId,
      requestId: 'test',
      clock,
      // Queries never touch the raw request or reply.
      req: { headers: {} } as FastifyRequest,
      res: {} as FastifyReply,
      log: platform.log,
    });

  async function record(actor: Actor, channelId: string, action: string, subjectId: string) {
    const ctx = { db: platform.db, actor, channelId, requestId: `req-${subjectId}`, clock };
    const r = await inTransaction(ctx, (tx) =>
      recordAudit(tx, { action, subjectType: 'user', subjectId, data: { note: subjectId } }),
    );
    clock.advance(24 * 3600_000); // one entry per day
    return r;
  }

  beforeAll(async () => {
    db = await createTestPglite();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
    platform = await createPlatform(config, { database: db, migrated: true, clock });
    await platform.db.insert(users).values([
      { id: admin, email: 'admin@example.test', displayName: 'Admin' },
      { id: other, email: 'other@example.test', displayName: 'Other' },
    ]);
    await platform.db.insert(channels).values({ id: otherChannel, slug: 'other', name: 'Other' });
    const a = asUser(admin, ['admin']);
    const o = asUser(other, ['ops']);
    const ch = platform.defaultChannelId;
    entries.push(await record(a, ch, 'roles.assign', 's1')); // 2026-01-10
    entries.push(await record(o, ch, 'jobs.retry', 's2')); // 01-11
    entries.push(await record(a, ch, 'roles.remove', 's3')); // 01-12
    entries.push(await record(a, ch, 'roles.assign', 's4')); // 01-13
    entries.push(await record(o, ch, 'jobs.retry', 's5')); // 01-14
    await record(a, otherChannel, 'roles.assign', 'elsewhere');
  });
  afterAll(async () => {
    await platform?.database.close();
    await db?.drop();
  });

  it('lists the channel’s entries newest first, with the actor’s email', async () => {
    const { entries: got, nextCursor } = await caller(asUser(admin, ['admin'])).audit.list({});
    expect(got.map((e) => e.subjectId)).toEqual(['s5', 's4', 's3', 's2', 's1']);
    expect(nextCursor).toBeNull();
    expect(got[4]).toEqual({
      id: entries[0]!.id,
      seq: 1,
      at: '2026-01-10T09:00:00.000Z',
      actorId: admin,
      actorEmail: 'admin@example.test',
      actorKind: 'user',
      actorKey: null,
      action: 'roles.assign',
      subjectType: 'user',
      subjectId: 's1',
      data: { note: 's1' },
      requestId: 'req-s1',
    });
  });

  it('filters by actor, action, subject and date range', async () => {
    const c = caller(asUser(admin, ['admin']));
    const ids = async (input: Parameters<typeof c.audit.list>[0]) =>
      (await c.audit.list(input)).entries.map((e) => e.subjectId);
    expect(await ids({ actorId: other })).toEqual(['s5', 's2']);
    // Staff know people by email: any case, surrounding spaces ignored; an unknown address matches nothing.
    expect(await ids({ actorEmail: ' Other@Example.TEST ' })).toEqual(['s5', 's2']);
    expect(await ids({ actorEmail: 'nobody@example.test' })).toEqual([]);
    expect(await ids({ action: 'roles.assign' })).toEqual(['s4', 's1']);
    expect(await ids({ subjectType: 'user', subjectId: 's3' })).toEqual(['s3']);
    expect(await ids({ from: '2026-01-11', to: '2026-01-12' })).toEqual(['s3', 's2']);
    expect(await ids({ from: '2026-01-12T09:00:00Z', to: '2026-01-13T08:59:59Z' })).toEqual(['s3']);
    expect(await ids({ subjectId: 'elsewhere' })).toEqual([]);
  });

  it('pages by seq: every entry exactly once, none from another channel', async () => {
    const c = caller(asUser(admin, ['admin']));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await c.audit.list({ limit: 2, cursor });
      seen.push(...r.entries.map((e) => e.subjectId));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(seen).toEqual(['s5', 's4', 's3', 's2', 's1']);
  });

  it('rejects a cursor that is not one it handed out', async () => {
    await expect(caller(asUser(admin, ['admin'])).audit.list({ cursor: 'abc' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('needs audit.read to list and audit.verify to verify', async () => {
    await expect(caller(asUser(other, ['ops'])).audit.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller(asUser(other, ['finance'])).audit.verify({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(caller(asUser(other, ['finance'])).audit.list({})).resolves.toBeTruthy();
  });

  it('verify reports the caller’s channel only, naming the tampered entry', async () => {
    const c = caller(asUser(admin, ['admin']));
    expect(await c.audit.verify({})).toEqual({ ok: true, checked: 5, firstBroken: null });
    const victim = entries[3]!;
    await platform.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await platform.db.execute(sql`update audit_log set action = 'roles.remove' where id = ${victim.id}`);
    await platform.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const status = await c.audit.verify({});
    expect(status).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, id: victim.id } });
    const elsewhere = await caller(asUser(admin, ['admin']), otherChannel).audit.verify({});
    expect(elsewhere).toEqual({ ok: true, checked: 1, firstBroken: null });
  });
});

describe('the audit viewer over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is in the OpenAPI document and refuses anonymous callers', async () => {
    const c = app.client();
    const doc = await c.request('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/audit', '/audit/verify']));
    expect((await c.request('GET', '/api/v1/audit?limit=5&from=2026-01-01')).status).toBe(401);
    expect((await c.request('GET', '/api/v1/audit/verify')).status).toBe(401);
  });

  it('a role granted twice under one Idempotency-Key is audited once, with the granter’s email', async () => {
    const admin = await signUpAs(app, ['admin']);
    const target = await signUpAs(app);
    const grant = () =>
      admin.client.request(
        'POST',
        `/api/v1/users/${target.userId}/roles`,
        { role: 'support' },
        { 'idempotency-key': `grant-${target.userId}` },
      );
    const first = await grant();
    expect(first.body).toEqual({ roles: ['support'] });
    const replay = await grant();
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);

    const rest = await admin.client.request(
      'GET',
      `/api/v1/audit?action=roles.assign&subjectId=${target.userId}&limit=10`,
    );
    expect(rest.status).toBe(200);
    expect(rest.body.entries).toHaveLength(1);
    expect(rest.body.entries[0]).toMatchObject({
      actorId: admin.userId,
      actorEmail: admin.email,
      subjectId: target.userId,
      data: { role: 'support' },
    });
    const verified = await admin.client.query('audit.verify', {});
    expect(verified.data).toMatchObject({ ok: true, firstBroken: null });
    expect(verified.data.checked).toBeGreaterThanOrEqual(1);
  });
});
