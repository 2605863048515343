import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { lastMailTo, linkToken, mailTo } from '../../../test/helpers/mail';
import { signUpAs } from '../../../test/helpers/users';
import { auditLog } from '../audit/schema';
import { fixedClock } from '../clock';
import { pendingSignUps, users } from './schema';
import { SIGN_UP_LINK_TTL_MS } from './sign-up';

const PASSWORD = 'correct-horse-battery-staple';
let n = 0;
const address = (tag: string) => `${tag}${++n}-${Date.now().toString(36)}@example.test`;

const accountsWith = async (app: TestApp, email: string) =>
  app.platform.db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));

describe.each(['pglite', 'postgres'] as const)('sign-up with a confirmation link on %s', (db) => {
  const clock = fixedClock('2030-03-01T08:00:00Z');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db, clock, env: { ROLES: 'api' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers a free and a taken address exactly alike, starts no session, and tells only the owner', async () => {
    const owner = await signUpAs(app);
    const free = address('free');
    const forFree = app.client();
    const forTaken = app.client();
    const a = await forFree.mutate('auth.signUp', { email: free, password: PASSWORD, displayName: 'New' });
    const b = await forTaken.mutate('auth.signUp', {
      email: owner.email.toUpperCase(),
      password: PASSWORD,
      displayName: 'Squatter',
    });
    expect(a.status).toBe(200);
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
    expect(a.data).toEqual({ ok: true });
    for (const res of [a, b])
      expect(res.headers.getSetCookie().filter((c) => c.startsWith('lsn_session='))).toEqual([]);
    expect((await forFree.query('auth.me')).data.user).toBeNull();

    // The owner hears about it, with the ways in; nothing about their account changed.
    const attempt = await lastMailTo(app, owner.email, 'sign-up-attempt');
    expect(attempt.text).toMatch(/\/signin/);
    expect(attempt.text).toMatch(/\/forgot-password/);
    expect(await mailTo(app, owner.email, 'verify-email')).toHaveLength(1); // the owner's own sign-up
    const [account] = await accountsWith(app, owner.email);
    expect(account!.displayName).not.toBe('Squatter');
    expect(
      (await app.client().mutate('auth.signIn', { email: owner.email, password: owner.password })).status,
    ).toBe(200);

    // The free address: no account until its link is followed.
    expect(await accountsWith(app, free)).toEqual([]);
    expect(
      (await app.client().mutate('auth.signIn', { email: free, password: PASSWORD })).error.message,
    ).toBe('Wrong email or password');
    const token = linkToken(await lastMailTo(app, free, 'verify-email'), '/verify-email');
    const verified = await forFree.mutate('auth.verifyEmail', { token });
    expect(verified.status).toBe(200);
    expect(verified.data.user).toMatchObject({ email: free, displayName: 'New' });
    expect((await forFree.query('auth.me')).data.user.email).toBe(free);
    const [created] = await accountsWith(app, free);
    expect(created!.emailVerifiedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(created!.homeChannelId).toBe(app.platform.defaultChannelId);
    // The first sign-in, right after confirming, sends no new-sign-in notice.
    expect(await mailTo(app, free, 'new-sign-in')).toEqual([]);

    const audit = await app.platform.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, created!.id))
      .orderBy(auditLog.seq);
    expect(audit.map((r) => r.action)).toEqual(['auth.signedUp', 'auth.signIn']);
    expect(audit[0]!.data).toMatchObject({ method: 'verify_email_link', emailVerified: true });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('a confirmation link works once, and not after 24 hours', async () => {
    const email = address('once');
    await app.client().mutate('auth.signUp', { email, password: PASSWORD, displayName: 'Once' });
    const token = linkToken(await lastMailTo(app, email, 'verify-email'), '/verify-email');
    expect((await app.client().mutate('auth.verifyEmail', { token })).status).toBe(200);
    const again = await app.client().mutate('auth.verifyEmail', { token });
    expect(again.status).toBe(400);
    expect(again.error.data.field).toBe('token');
    expect(again.error.message).toMatch(/This link has expired or was already used/);

    const late = address('late');
    await app.client().mutate('auth.signUp', { email: late, password: PASSWORD, displayName: 'Late' });
    const lateToken = linkToken(await lastMailTo(app, late, 'verify-email'), '/verify-email');
    clock.advance(SIGN_UP_LINK_TTL_MS + 1000);
    const expired = await app.client().mutate('auth.verifyEmail', { token: lateToken });
    expect(expired.status).toBe(400);
    expect(expired.error.message).toMatch(/Sign up again to get a new one/);
    expect(await accountsWith(app, late)).toEqual([]);

    const mangled = await app.client().mutate('auth.verifyEmail', { token: 'not-a-token' });
    expect(mangled.status).toBe(400);
    expect(mangled.error.data.field).toBe('token');
  });

  it('signing up again sends a fresh link; the first followed wins and the others then say so', async () => {
    const email = address('twice');
    await app.client().mutate('auth.signUp', { email, password: PASSWORD, displayName: 'First' });
    const first = linkToken(await lastMailTo(app, email, 'verify-email'), '/verify-email');
    await app.client().mutate('auth.signUp', { email, password: PASSWORD, displayName: 'Second' });
    const second = linkToken(await lastMailTo(app, email, 'verify-email'), '/verify-email');
    expect(second).not.toBe(first);
    const ok = await app.client().mutate('auth.verifyEmail', { token: second });
    expect(ok.data.user.displayName).toBe('Second');
    const late = await app.client().mutate('auth.verifyEmail', { token: first });
    expect(late.status).toBe(409);
    expect(late.error.message).toMatch(/already has an account. Sign in/);
    expect(await accountsWith(app, email)).toHaveLength(1);
  });

  it('a link works only on the channel whose email sent it', async () => {
    const email = address('host');
    await app.client().mutate('auth.signUp', { email, password: PASSWORD, displayName: 'Host' });
    const token = linkToken(await lastMailTo(app, email, 'verify-email'), '/verify-email');
    const [pending] = await app.platform.db
      .select()
      .from(pendingSignUps)
      .where(and(eq(pendingSignUps.email, email)));
    await app.platform.db
      .update(pendingSignUps)
      .set({ channelId: '01900000-0000-7000-8000-000000000000' })
      .where(eq(pendingSignUps.id, pending!.id));
    expect((await app.client().mutate('auth.verifyEmail', { token })).status).toBe(400);
    expect(await accountsWith(app, email)).toEqual([]);
  });

  it('two browsers following one link at the same moment: one account, one session', async () => {
    const email = address('race');
    await app.client().mutate('auth.signUp', { email, password: PASSWORD, displayName: 'Race' });
    const token = linkToken(await lastMailTo(app, email, 'verify-email'), '/verify-email');
    const results = await Promise.all(
      [1, 2, 3].map(() => app.client().mutate('auth.verifyEmail', { token })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    expect(await accountsWith(app, email)).toHaveLength(1);
  });

  it('two links of one address followed at the same moment: one account, the other told to sign in', async () => {
    const email = address('pair');
    await app.client().mutate('auth.signUp', { email, password: PASSWORD, displayName: 'Pair' });
    const first = linkToken(await lastMailTo(app, email, 'verify-email'), '/verify-email');
    await app.client().mutate('auth.signUp', { email, password: PASSWORD, displayName: 'Pair' });
    const second = linkToken(await lastMailTo(app, email, 'verify-email'), '/verify-email');
    const results = await Promise.all(
      [first, second].map((token) => app.client().mutate('auth.verifyEmail', { token })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await accountsWith(app, email)).toHaveLength(1);
  });
});
