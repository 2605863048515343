import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { channels, roleAssignments } from '../access/schema';
import { auditLog } from '../audit/schema';
import { newId } from '../ids';

const PASSWORD = 'correct-horse-battery-staple';
const NEW_PASSWORD = 'a-brand-new-passphrase-here';

describe('security events in the audit log', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sign-in, session revocation, sign-out everywhere, password change, keys and sign-out are audited, in the console', async () => {
    const founder = await signUpAs(app, ['founder']);
    const person = await signUpAs(app, ['creator']);
    const from = { 'x-forwarded-for': '198.51.100.77', 'user-agent': 'Phone Browser' };
    const phone = app.client();
    expect(
      (await phone.mutate('auth.signIn', { email: person.email, password: PASSWORD }, from)).status,
    ).toBe(200);
    const laptop = app.client();
    await laptop.mutate('auth.signIn', { email: person.email, password: PASSWORD });
    const spare = app.client();
    await spare.mutate('auth.signIn', { email: person.email, password: PASSWORD });

    const laptopSession = (await laptop.query('auth.sessions')).data.sessions.find((s: any) => s.current).id;
    expect((await phone.mutate('auth.revokeSession', { sessionId: laptopSession }, from)).status).toBe(200);
    expect((await phone.mutate('auth.signOutEverywhere', {}, from)).data).toEqual({ revoked: 2 });
    const key = (await phone.mutate('apiKeys.create', { name: 'bot', scopes: ['studio.access'] }, from)).data;
    expect((await phone.mutate('apiKeys.revoke', { id: key.apiKey.id }, from)).status).toBe(200);
    expect(
      (
        await phone.mutate(
          'auth.changePassword',
          { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
          from,
        )
      ).status,
    ).toBe(200);
    expect((await phone.mutate('auth.signOut', {}, from)).status).toBe(200);

    // The console's audit viewer: filter by the person's email, newest first.
    const mine = await founder.client.query('audit.list', { actorEmail: person.email.toUpperCase() });
    expect(mine.status).toBe(200);
    expect(mine.data.entries.map((e: any) => e.action).reverse()).toEqual([
      // Signing up: the account is created, and signed in, when the emailed link is followed.
      'auth.signedUp',
      'auth.signIn',
      'auth.signIn',
      'auth.signIn',
      'auth.signIn',
      'auth.sessionRevoked',
      'auth.signedOutEverywhere',
      'apiKeys.create',
      'apiKeys.revoke',
      'auth.passwordChanged',
      'auth.signOut',
    ]);
    const [phoneSignIn] = (
      await founder.client.query('audit.list', { action: 'auth.signIn', subjectId: person.userId, limit: 3 })
    ).data.entries.slice(-1);
    expect(phoneSignIn).toMatchObject({
      actorId: person.userId,
      actorKind: 'user',
      subjectType: 'user',
      subjectId: person.userId,
      data: { ip: '198.51.100.77', userAgent: 'Phone Browser', method: 'password', knownDevice: false },
    });
    const changed = (await founder.client.query('audit.list', { action: 'auth.passwordChanged' })).data
      .entries;
    expect(changed[0]).toMatchObject({ subjectId: person.userId, data: { otherSessionsEnded: 0 } });
    const revoked = (await founder.client.query('audit.list', { action: 'auth.sessionRevoked' })).data
      .entries;
    expect(revoked[0].data).toMatchObject({ sessionId: laptopSession, current: false });

    // Never a password or a token.
    const all = JSON.stringify(mine.data.entries);
    for (const secret of [PASSWORD, NEW_PASSWORD, key.key, phone.cookies.get('lsn_session') ?? 'no-cookie'])
      expect(all).not.toContain(secret);
    expect((await founder.client.query('audit.verify', {})).data.ok).toBe(true);
  });

  it('an event goes to the chain of the channel where it happened', async () => {
    const channelId = newId();
    await app.platform.db
      .insert(channels)
      .values({ id: channelId, slug: `b-${Date.now()}`, name: 'B', domains: ['shop-b.test'] });
    const person = await signUpAs(app);
    const onB = { 'x-forwarded-host': 'shop-b.test' };
    expect(
      (await app.client().mutate('auth.signIn', { email: person.email, password: PASSWORD }, onB)).status,
    ).toBe(200);
    const where = (channel: string) =>
      and(
        eq(auditLog.channelId, channel),
        eq(auditLog.action, 'auth.signIn'),
        eq(auditLog.subjectId, person.userId),
        sql`${auditLog.data}->>'method' = 'password'`,
      );
    expect(await app.platform.db.select().from(auditLog).where(where(channelId))).toHaveLength(1);
    expect(
      await app.platform.db.select().from(auditLog).where(where(app.platform.defaultChannelId)),
    ).toHaveLength(0);
    // Channel B's founder sees it in B's console.
    const bFounder = await signUpAs(app);
    await app.platform.db
      .insert(roleAssignments)
      .values({ channelId, userId: bFounder.userId, role: 'founder' });
    const bList = await bFounder.client.query('audit.list', { action: 'auth.signIn' }, onB);
    expect(bList.data.entries.map((e: any) => e.subjectId)).toContain(person.userId);
  });
});
