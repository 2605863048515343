import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { fixedClock } from '../clock';
import { sessions, users } from './schema';
import { sha256Hex } from './tokens';

const PASSWORD = 'correct-horse-battery-staple';
let n = 0;
const email = (tag: string) => `${tag}${++n}-${Date.now().toString(36)}@example.test`;

describe('accounts on pglite', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sign up → me shows the account with the implicit customer role → sign out → me is anonymous', async () => {
    const c = app.client();
    const addr = email('Ada');
    const up = await c.mutate('auth.signUp', {
      email: `  ${addr.toUpperCase()} `,
      password: PASSWORD,
      displayName: 'Ada',
    });
    expect(up.status).toBe(200);
    expect(up.data.user).toMatchObject({
      email: addr.toLowerCase(),
      displayName: 'Ada',
      mustChangePassword: false,
    });
    const cookie = up.headers.getSetCookie().find((s) => s.startsWith('lsn_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // PUBLIC_URL is http in tests

    // Only the hash of the cookie's token is stored.
    const token = c.cookies.get('lsn_session')!;
    const [row] = await app.platform.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, sha256Hex(token)));
    expect(row?.userId).toBe(up.data.user.id);
    const [user] = await app.platform.db.select().from(users).where(eq(users.id, up.data.user.id));
    expect(user!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);

    const me = await c.query('auth.me');
    expect(me.data.user.id).toBe(up.data.user.id);
    expect(me.data.roles).toEqual(['customer']);
    expect(me.data.permissions).toEqual(['account.manage']);
    expect(me.data.user.email).toBe(addr.toLowerCase());
    expect(me.data.channel).toMatchObject({ id: app.platform.defaultChannelId, slug: 'main' });

    const out = await c.mutate('auth.signOut', {});
    expect(out.data).toEqual({ ok: true });
    expect(c.cookies.has('lsn_session')).toBe(false);
    expect((await c.query('auth.me')).data.user).toBeNull();

    // The old token is dead even if someone kept a copy of the cookie.
    const replay = app.client();
    replay.cookies.set('lsn_session', token);
    expect((await replay.query('auth.me')).data.user).toBeNull();
  });

  it('signing up twice with one email is a conflict naming the field; weak passwords are refused', async () => {
    const addr = email('dup');
    expect(
      (await app.client().mutate('auth.signUp', { email: addr, password: PASSWORD, displayName: 'A' }))
        .status,
    ).toBe(200);
    const again = await app
      .client()
      .mutate('auth.signUp', { email: addr.toUpperCase(), password: PASSWORD, displayName: 'B' });
    expect(again.status).toBe(409);
    expect(again.error.data.field).toBe('email');
    const weak = await app
      .client()
      .mutate('auth.signUp', { email: email('weak'), password: 'short', displayName: 'W' });
    expect(weak.status).toBe(400);
    expect(weak.error.data.field).toBe('password');
    const bad = await app
      .client()
      .mutate('auth.signUp', { email: 'not-an-email', password: PASSWORD, displayName: 'W' });
    expect(bad.status).toBe(400);
    expect(bad.error.data.field).toBe('email');
  });

  it('a wrong password and an unknown email get the same generic 401', async () => {
    const { email: addr } = await signUpAs(app);
    const wrong = await app.client().mutate('auth.signIn', { email: addr, password: 'not-the-password' });
    const unknown = await app
      .client()
      .mutate('auth.signIn', { email: email('nobody'), password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.error.message).toBe('Wrong email or password');
    expect(unknown.error.message).toBe(wrong.error.message);
    const ok = await app.client().mutate('auth.signIn', { email: addr.toUpperCase(), password: PASSWORD });
    expect(ok.status).toBe(200);
  });

  it('a disabled account cannot sign in and its open sessions stop working', async () => {
    const { client, email: addr, userId } = await signUpAs(app);
    await app.platform.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    expect((await client.query('auth.me')).data.user).toBeNull();
    expect((await client.query('auth.sessions')).status).toBe(401);
    const r = await app.client().mutate('auth.signIn', { email: addr, password: PASSWORD });
    expect(r.status).toBe(401);
    expect(r.error.message).toBe('Wrong email or password');
  });

  it('changing the password needs the current one, signs other sessions out and clears mustChangePassword', async () => {
    const { client, email: addr, userId } = await signUpAs(app);
    await app.platform.db.update(users).set({ mustChangePassword: new Date() }).where(eq(users.id, userId));
    const other = app.client();
    expect((await other.mutate('auth.signIn', { email: addr, password: PASSWORD })).status).toBe(200);
    expect((await client.query('auth.me')).data.user.mustChangePassword).toBe(true);

    const wrong = await client.mutate('auth.changePassword', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'a-new-password-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.error.data.field).toBe('currentPassword');

    const ok = await client.mutate('auth.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'a-new-password-1',
    });
    expect(ok.data).toEqual({ ok: true });
    expect((await client.query('auth.me')).data.user.mustChangePassword).toBe(false);
    expect((await other.query('auth.me')).data.user).toBeNull();
    expect((await app.client().mutate('auth.signIn', { email: addr, password: PASSWORD })).status).toBe(401);
    expect(
      (await app.client().mutate('auth.signIn', { email: addr, password: 'a-new-password-1' })).status,
    ).toBe(200);
  });

  it('REST serves the same account endpoints (GET /api/v1/auth/me)', async () => {
    const { client, userId } = await signUpAs(app);
    const r = await client.request('GET', '/api/v1/auth/me');
    expect(r.status).toBe(200);
    expect(r.body.user.id).toBe(userId);
  });

  it('a person changes their name (trimmed, never blank) and sees it at once, over tRPC and REST', async () => {
    const { client } = await signUpAs(app);
    const saved = await client.mutate('auth.updateProfile', { displayName: '  Grace Hopper ' });
    expect(saved.status).toBe(200);
    expect(saved.data.user.displayName).toBe('Grace Hopper');
    // The profile is cached per node; the change drops it, so the next read already shows the new name.
    expect((await client.query('auth.me')).data.user.displayName).toBe('Grace Hopper');

    const blank = await client.mutate('auth.updateProfile', { displayName: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.error.data.field).toBe('displayName');
    const long = await client.mutate('auth.updateProfile', { displayName: 'x'.repeat(101) });
    expect(long.error.data.field).toBe('displayName');
    const extra = await client.mutate('auth.updateProfile', { displayName: 'Grace', email: 'x@y.z' });
    expect(extra.status).toBe(400);
    expect((await client.query('auth.me')).data.user.displayName).toBe('Grace Hopper');

    const rest = await client.request('PATCH', '/api/v1/auth/me', { displayName: 'Amazing Grace' });
    expect(rest.status).toBe(200);
    expect(rest.body.user.displayName).toBe('Amazing Grace');
    expect((await app.client().mutate('auth.updateProfile', { displayName: 'Nobody' })).status).toBe(401);
  });
});

describe.each(['pglite', 'postgres'] as const)('sessions and throttling on %s', (db) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      db,
      env: { ROLES: 'api', LOGIN_ATTEMPTS_PER_15_MIN: '3', TRUST_PROXY: 'true' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  // Each test signs in from its own address (TRUST_PROXY: X-Forwarded-For is believed), so the per-IP
  // counter of one test does not leak into the next.
  let ipSeq = 0;
  const fromNewIp = () => ({ 'x-forwarded-for': `203.0.113.${++ipSeq}` });

  it('after 3 failed sign-ins the 4th attempt is 429 with Retry-After, even with the right password', async () => {
    const { email: addr } = await signUpAs(app);
    const ip = fromNewIp();
    for (let i = 0; i < 3; i++) {
      const r = await app
        .client()
        .mutate('auth.signIn', { email: addr, password: `wrong-password-${i}` }, ip);
      expect(r.status).toBe(401);
    }
    // From another address too: the account itself is protected, not just the address.
    const blocked = await app
      .client()
      .mutate('auth.signIn', { email: addr, password: PASSWORD }, fromNewIp());
    expect(blocked.status).toBe(429);
    expect(blocked.error.data.appCode).toBe('RATE_LIMITED');
    expect(blocked.error.message).toMatch(/Too many sign-in attempts/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('one address guessing across many accounts is stopped too', async () => {
    const ip = fromNewIp();
    const accounts = await Promise.all([signUpAs(app), signUpAs(app), signUpAs(app), signUpAs(app)]);
    const statuses = [];
    for (const a of accounts)
      statuses.push(
        (await app.client().mutate('auth.signIn', { email: a.email, password: 'guess-guess-guess' }, ip))
          .status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('a success resets the counter, so a few typos now and then never lock a person out', async () => {
    const { email: addr } = await signUpAs(app);
    const ip = fromNewIp();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++)
        expect(
          (await app.client().mutate('auth.signIn', { email: addr, password: 'typo-typo-typo' }, ip)).status,
        ).toBe(401);
      expect((await app.client().mutate('auth.signIn', { email: addr, password: PASSWORD }, ip)).status).toBe(
        200,
      );
    }
  });

  it('lists sessions with the current one marked; sign out everywhere ends all the others', async () => {
    const { client, email: addr } = await signUpAs(app);
    const laptop = app.client();
    const phone = app.client();
    expect(
      (
        await laptop.mutate(
          'auth.signIn',
          { email: addr, password: PASSWORD },
          { 'user-agent': 'Laptop', ...fromNewIp() },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await phone.mutate(
          'auth.signIn',
          { email: addr, password: PASSWORD },
          { 'user-agent': 'Phone', ...fromNewIp() },
        )
      ).status,
    ).toBe(200);

    const list = await client.query('auth.sessions');
    expect(list.data.sessions).toHaveLength(3);
    expect(list.data.sessions.filter((s: any) => s.current)).toHaveLength(1);
    expect(list.data.sessions.map((s: any) => s.userAgent)).toEqual(
      expect.arrayContaining(['Laptop', 'Phone']),
    );

    // Revoke one by id, then the rest at once.
    const phoneSession = list.data.sessions.find((s: any) => s.userAgent === 'Phone');
    expect((await client.mutate('auth.revokeSession', { sessionId: phoneSession.id })).data).toEqual({
      ok: true,
    });
    expect((await phone.query('auth.me')).data.user).toBeNull();

    const all = await client.mutate('auth.signOutEverywhere', {});
    expect(all.data).toEqual({ revoked: 1 });
    expect((await laptop.query('auth.me')).data.user).toBeNull();
    expect((await client.query('auth.me')).data.user.email).toBe(addr);
    expect((await client.query('auth.sessions')).data.sessions).toHaveLength(1);
  });

  it("nobody can revoke someone else's session", async () => {
    const a = await signUpAs(app);
    const b = await signUpAs(app);
    const [bSession] = (await b.client.query('auth.sessions')).data.sessions;
    const r = await a.client.mutate('auth.revokeSession', { sessionId: bSession.id });
    expect(r.status).toBe(404);
    expect((await b.client.query('auth.me')).data.user).not.toBeNull();
  });
});

describe('behind https', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api', PUBLIC_URL: 'https://shop.example.com' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the session cookie is Secure and passkeys use the public host as RP ID', async () => {
    const c = app.client();
    const up = await c.mutate('auth.signUp', { email: email('tls'), password: PASSWORD, displayName: 'T' });
    const cookie = up.headers.getSetCookie().find((s) => s.startsWith('lsn_session='))!;
    expect(cookie).toMatch(/; Secure/i);
    const options = (await c.mutate('auth.passkeys.registrationOptions', {})).data;
    expect(options.rp.id).toBe('shop.example.com');
  });
});

describe('session lifetime', () => {
  const clock = fixedClock('2026-03-01T00:00:00Z');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      db: 'pglite',
      clock,
      env: { ROLES: 'api', SESSION_TTL_DAYS: '30', SESSION_MAX_DAYS: '90' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });
  const days = (n: number) => clock.advance(n * 86_400_000);
  const maxAgeOf = (res: { headers: Headers }) => {
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lsn_session='));
    return cookie ? Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]) : undefined;
  };

  it('use keeps a session alive past its first expiry, idleness ends it, and nothing outlives the cap', async () => {
    const { client } = await signUpAs(app);
    const signedIn = async () => (await client.query('auth.me')).data.user !== null;

    days(20);
    const use = await client.query('auth.me');
    expect(use.data.user).not.toBeNull();
    // The cookie comes again with a fresh 30 days, or the browser would drop it on day 30.
    expect(maxAgeOf(use)).toBe(30 * 86_400);
    days(20); // day 40: past the first 30 days, but used on day 20
    expect(await signedIn()).toBe(true);

    // Used every 25 days, it still ends 90 days after sign-in, and the last cookie says so.
    days(25); // day 65
    const late = await client.query('auth.me');
    expect(maxAgeOf(late)).toBe(25 * 86_400);
    days(24); // day 89
    expect(await signedIn()).toBe(true);
    days(2); // day 91
    expect(await signedIn()).toBe(false);

    // Idle for longer than 30 days: over, however young the session.
    const other = await signUpAs(app);
    days(31);
    expect((await other.client.query('auth.me')).data.user).toBeNull();
  });
});
