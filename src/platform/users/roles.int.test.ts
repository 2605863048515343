import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { permissionsOf } from '../../../test/helpers/registry';
import { rolesOf, signUpAs } from '../../../test/helpers/users';
import { channels } from '../access';
import { auditLog } from '../audit/schema';
import { type Actor, systemActor } from '../context';
import { newId } from '../ids';
import { removeRole } from './change-role';

describe('users and roles', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a founder grants admin; the change is in the audit log with who, whom and what', async () => {
    const founder = await signUpAs(app, ['founder']);
    const user = await signUpAs(app);
    const r = await founder.client.mutate('users.assignRole', { userId: user.userId, role: 'admin' });
    expect(r.status).toBe(200);
    expect(r.data.roles).toEqual(['admin']);
    expect((await user.client.query('auth.me')).data.roles).toEqual(['customer', 'admin']);

    const entries = await app.platform.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.subjectType, 'user'),
          eq(auditLog.subjectId, user.userId),
          like(auditLog.action, 'roles.%'),
        ),
      );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'roles.assign',
      actorId: founder.userId,
      actorKind: 'user',
      channelId: app.platform.defaultChannelId,
      data: { role: 'admin' },
    });

    // Granting it again changes nothing and records nothing.
    expect(
      (await founder.client.mutate('users.assignRole', { userId: user.userId, role: 'admin' })).data.roles,
    ).toEqual(['admin']);
    const removed = await founder.client.mutate('users.removeRole', { userId: user.userId, role: 'admin' });
    expect(removed.data.roles).toEqual([]);
    const actions = await app.platform.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, user.userId), like(auditLog.action, 'roles.%')))
      .orderBy(auditLog.seq);
    expect(actions.map((a) => a.action)).toEqual(['roles.assign', 'roles.remove']);
  });

  it('an admin can grant support but neither admin nor founder, and cannot remove them either', async () => {
    const admin = await signUpAs(app, ['admin']);
    const user = await signUpAs(app);
    const otherAdmin = await signUpAs(app, ['admin']);
    expect(
      (await admin.client.mutate('users.assignRole', { userId: user.userId, role: 'support' })).data.roles,
    ).toEqual(['support']);
    for (const role of ['admin', 'founder']) {
      const r = await admin.client.mutate('users.assignRole', { userId: user.userId, role });
      expect(r.status).toBe(403);
      expect(r.error.message).toMatch(/Only a founder/);
    }
    expect(
      (await admin.client.mutate('users.removeRole', { userId: otherAdmin.userId, role: 'admin' })).status,
    ).toBe(403);
    expect(await rolesOf(app, user.userId)).toEqual(['support']);
    expect(await rolesOf(app, otherAdmin.userId)).toEqual(['admin']);
  });

  it('support staff cannot change roles at all; customer is implicit and not assignable', async () => {
    const support = await signUpAs(app, ['support']);
    const founder = await signUpAs(app, ['founder']);
    const user = await signUpAs(app);
    expect(
      (await support.client.mutate('users.assignRole', { userId: user.userId, role: 'creator' })).status,
    ).toBe(403);
    const customer = await founder.client.mutate('users.assignRole', {
      userId: user.userId,
      role: 'customer',
    });
    expect(customer.status).toBe(400);
    expect(customer.error.data.field).toBe('role');
    expect(
      (await founder.client.mutate('users.assignRole', { userId: user.userId, role: 'wizard' })).status,
    ).toBe(400);
  });

  it('nobody changes their own roles, not even a founder', async () => {
    const founder = await signUpAs(app, ['founder']);
    const r = await founder.client.mutate('users.assignRole', { userId: founder.userId, role: 'admin' });
    expect(r.status).toBe(403);
    expect(r.error.message).toMatch(/your own roles/);
  });

  it('a user of another channel cannot be found or changed from this one', async () => {
    const founder = await signUpAs(app, ['founder']);
    const other = await signUpAs(app);
    const channelId = newId();
    await app.platform.db
      .insert(channels)
      .values({ id: channelId, slug: `c-${channelId}`, name: 'Elsewhere' });
    // Move the account's home to the other channel: from here it is now invisible.
    const { users } = await import('../auth/schema');
    await app.platform.db.update(users).set({ homeChannelId: channelId }).where(eq(users.id, other.userId));
    const r = await founder.client.mutate('users.assignRole', { userId: other.userId, role: 'support' });
    expect(r.status).toBe(404);
    const list = await founder.client.query('users.list', { search: other.email });
    expect(list.data.users).toEqual([]);
  });

  it('users.list searches by email or name, filters by role, and pages with a cursor', async () => {
    const founder = await signUpAs(app, ['founder']);
    const tag = `zeta${Date.now().toString(36)}`;
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(await signUpAs(app, i === 0 ? ['finance'] : [], { email: `${tag}-${i}@example.test` }));
    const all = await founder.client.query('users.list', { search: tag.toUpperCase() });
    expect(all.data.users.map((u: any) => u.email)).toEqual(made.map((m) => m.email).reverse());
    const finance = await founder.client.query('users.list', { search: tag, role: 'finance' });
    expect(finance.data.users).toHaveLength(1);
    expect(finance.data.users[0]).toMatchObject({ id: made[0]!.userId, roles: ['finance'] });
    const page1 = await founder.client.query('users.list', { search: tag, limit: 2 });
    expect(page1.data.users).toHaveLength(2);
    const page2 = await founder.client.query('users.list', {
      search: tag,
      limit: 2,
      cursor: page1.data.nextCursor,
    });
    expect(page2.data.users.map((u: any) => u.id)).toEqual([made[0]!.userId]);
    expect(page2.data.nextCursor).toBeNull();
    // LIKE wildcards in the search are literal.
    expect((await founder.client.query('users.list', { search: '%' })).data.users).toEqual([]);
    // A customer may not list users.
    expect((await made[1]!.client.query('users.list', {})).status).toBe(403);
  });

  it('the last founder of a channel cannot be removed', async () => {
    // Only founders may remove founders, and nobody may change their own roles, so through the API this
    // can only happen in a race (tested on PostgreSQL below). The rule itself lives in the service:
    const channelId = newId();
    await app.platform.db.insert(channels).values({ id: channelId, slug: `solo-${channelId}`, name: 'Solo' });
    const founder = await signUpAs(app, ['founder'], { channelId });
    const operator: Actor = { ...systemActor(), permissions: permissionsOf(['founder']) };
    const ctx = {
      db: app.platform.db,
      actor: operator,
      channelId,
      requestId: 't',
      clock: app.platform.clock,
      platform: app.platform,
    };
    await expect(removeRole(ctx, { userId: founder.userId, role: 'founder' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/last founder/),
    });
    expect(await rolesOf(app, founder.userId, channelId)).toEqual(['founder']);
  });
});

describe('founders removing each other at the same moment (postgres)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'postgres', env: { ROLES: 'api', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exactly one removal wins; the channel keeps a founder', async () => {
    for (let round = 0; round < 3; round++) {
      const channelId = newId();
      await app.platform.db
        .insert(channels)
        .values({ id: channelId, slug: `race-${channelId}`, name: 'Race' });
      const host = `race-${round}-${Date.now()}.test`;
      await app.platform.db
        .update(channels)
        .set({ domains: [host] })
        .where(eq(channels.id, channelId));
      const a = await signUpAs(app, ['founder'], { channelId });
      const b = await signUpAs(app, ['founder'], { channelId });
      const h = { 'x-forwarded-host': host };
      const [ra, rb] = await Promise.all([
        a.client.mutate('users.removeRole', { userId: b.userId, role: 'founder' }, h),
        b.client.mutate('users.removeRole', { userId: a.userId, role: 'founder' }, h),
      ]);
      // The loser is refused either by the last-founder rule (409) or, when its request is authenticated
      // after the winner's commit, because it is no longer a founder (403). Either way exactly one wins.
      const statuses = [ra.status, rb.status].sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const left = [
        ...(await rolesOf(app, a.userId, channelId)),
        ...(await rolesOf(app, b.userId, channelId)),
      ];
      expect(left).toEqual(['founder']);
    }
  });
});
