import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/helpers/app';
import { lastMailTo, linkToken } from '../../../test/helpers/mail';
import { signUpAs } from '../../../test/helpers/users';
import { auditLog } from '../audit/schema';
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

  it('sign up → confirm the address → me shows the account with the implicit customer role → sign out → me is anonymous', async () => {
    const c = app.client();
    const addr = email('Ada');
    const asked = await c.mutate('auth.signUp', {
      email: `  ${addr.toUpperCase()} `,
      password: PASSWORD,
      displayName: 'Ada',
    });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({ ok: true });
    expect(c.cookies.has('lsn_session')).toBe(false);
    const link = linkToken(await lastMailTo(app, addr, 'verify-email'), '/verify-email');
    const up = await c.mutate('auth.verifyEmail', { token: link });
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

  it('weak passwords and malformed addresses are refused at sign-up, naming the field', async () => {
    const weak = await app
      .client()
      .mutate('auth.signUp', { email: email('weak'), password: 'short', displayName: 'W' });
    expect(weak.status).toBe(400);
    expect(weak.error.data.field).toBe('password');
    // Long enough but easy to guess: a common password, or the account's own email.
    const common = await app
      .client()
      .mutate('auth.signUp', { email: email('common'), password: '123456789012', displayName: 'W' });
    expect(common.status).toBe(400);
    expect(common.error.data.field).toBe('password');
    expect(common.error.message).toBe(
      'password: This password is too easy to guess: it is a common password. Add another word or two.',
    );
    const own = email('own');
    const mine = await app.client().mutate('auth.signUp', { email: own, password: own, displayName: 'W' });
    expect(mine.status).toBe(400);
    expect(mine.error.message).toMatch(/too easy to guess: it contains your email address/);
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
    const weak = await client.mutate('auth.changePassword', {
      currentPassword: PASSWORD,
      newPassword: addr,
    });
    expect(weak.status).toBe(400);
    expect(weak.error.data.field).toBe('newPassword');
    expect(weak.error.message).toMatch(/^newPassword: This password is too easy to guess/);

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

describe.each([
  ['pglite', {}],
  ['postgres, limits in Redis', { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }],
] as const)('sessions and throttling on %s', (_name, extraEnv) => {
  const db = _name === 'pglite' ? 'pglite' : 'postgres';
  // A fixed clock: back-off waits last exactly as long as the test says, however slow the machine.
  const clock = fixedClock('2030-06-01T00:00:00Z');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      db,
      clock,
      env: {
        ROLES: 'api',
        LOGIN_FREE_FAILURES: '3',
        LOGIN_FREE_FAILURES_PER_ADDRESS: '8',
        TRUST_PROXY: 'true',
        ...extraEnv,
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  // Each test signs in from its own addresses (TRUST_PROXY: X-Forwarded-For is believed), unique to this
  // run because Redis keeps counters between runs.
  const run = randomBytes(2).toString('hex');
  let ipSeq = 0;
  const fromNewIp = () => ({ 'x-forwarded-for': `2001:db8:${run}::${(++ipSeq).toString(16)}` });
  const signIn = (c: TestClient, email: string, password: string, from: Record<string, string>) =>
    c.mutate('auth.signIn', { email, password }, from);

  it('wrong passwords on an account: three are free, then each further one doubles the wait, from any address', async () => {
    const { email: addr } = await signUpAs(app);
    for (let i = 0; i < 4; i++)
      expect((await signIn(app.client(), addr, `wrong-password-${i}`, fromNewIp())).status).toBe(401);
    // The fourth failure starts a 1 s wait; even the right password from yet another address waits.
    const blocked = await signIn(app.client(), addr, PASSWORD, fromNewIp());
    expect(blocked.status).toBe(429);
    expect(blocked.error.data.appCode).toBe('RATE_LIMITED');
    expect(blocked.error.message).toBe('Too many sign-in attempts. Try again in 1 second.');
    expect(blocked.headers.get('retry-after')).toBe('1');
    clock.advance(1000);
    expect((await signIn(app.client(), addr, 'wrong-password-5', fromNewIp())).status).toBe(401);
    const longer = await signIn(app.client(), addr, PASSWORD, fromNewIp());
    expect(longer.headers.get('retry-after')).toBe('2');
    clock.advance(2000);
    expect((await signIn(app.client(), addr, PASSWORD, fromNewIp())).status).toBe(200);
  });

  it('signing in to your own account every 9 guesses does not reset the count of guesses on others', async () => {
    const me = await signUpAs(app);
    const from = fromNewIp();
    const guesses: number[] = [];
    // 45 wrong guesses over 40 accounts from one address, signing in to one's own account every 9.
    for (let i = 0; i < 45; i++) {
      guesses.push(
        (await signIn(app.client(), `victim${i % 40}-${run}@example.test`, 'guess-guess-guess', from)).status,
      );
      if (i % 9 === 8) await signIn(app.client(), me.email, PASSWORD, from);
    }
    // Eight free failures at the address, the ninth starts the wait, and the wait holds.
    expect(guesses.filter((s) => s === 401)).toHaveLength(9);
    expect(guesses.slice(9).every((s) => s === 429)).toBe(true);
  });

  it('wrong guesses on one account do not lock out everyone else behind the same address', async () => {
    const target = await signUpAs(app);
    const colleague = await signUpAs(app);
    const office = fromNewIp();
    const statuses = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await signIn(app.client(), target.email, 'guess-guess-guess', office)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429, 429, 429]);
    expect((await signIn(app.client(), colleague.email, PASSWORD, office)).status).toBe(200);
  });

  it('a known device gets in with the right password while the account is under attack from elsewhere', async () => {
    const owner = await signUpAs(app);
    const home = fromNewIp();
    const laptop = app.client();
    expect((await signIn(laptop, owner.email, PASSWORD, home)).status).toBe(200);
    const device = laptop.cookies.get('lsn_device')!;
    expect(device).toContain(owner.userId);
    const cookie = (await signIn(laptop, owner.email, PASSWORD, home)).headers
      .getSetCookie()
      .find((c) => c.startsWith('lsn_device='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    for (let i = 0; i < 10; i++) await signIn(app.client(), owner.email, 'guess-guess-guess', fromNewIp());
    // A new browser, even at home, waits; the known one gets in.
    expect((await signIn(app.client(), owner.email, PASSWORD, home)).status).toBe(429);
    expect((await signIn(laptop, owner.email, PASSWORD, home)).status).toBe(200);

    // The token is the owner's: an attacker's own token, or a forged one, counts for nothing.
    const attacker = await signUpAs(app);
    const theirs = app.client();
    await signIn(theirs, attacker.email, PASSWORD, fromNewIp());
    expect((await signIn(theirs, owner.email, PASSWORD, fromNewIp())).status).toBe(429);
    const forged = app.client();
    const [id, nonce, mac] = device.split('.') as [string, string, string];
    forged.cookies.set('lsn_device', `${id}.${nonce[0] === 'A' ? 'B' : 'A'}${nonce.slice(1)}.${mac}`);
    expect((await signIn(forged, owner.email, PASSWORD, fromNewIp())).status).toBe(429);

    // A known device that keeps failing is slowed on its own.
    for (let i = 0; i < 4; i++)
      expect((await signIn(laptop, owner.email, 'typo-typo-typo', home)).status).toBe(401);
    expect((await signIn(laptop, owner.email, PASSWORD, home)).status).toBe(429);
  });

  it('a failed-sign-in burst is audited once, when the account first runs out of free failures', async () => {
    const victim = await signUpAs(app);
    for (let i = 0; i < 6; i++) await signIn(app.client(), victim.email, 'guess-guess-guess', fromNewIp());
    const rows = await app.platform.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.signInFailedBurst'), eq(auditLog.subjectId, victim.userId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toMatchObject({ scope: 'account', failures: 4, method: 'password' });
    expect(JSON.stringify(rows[0]!.data)).not.toContain('guess-guess-guess');
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
    const addr = email('tls');
    await c.mutate('auth.signUp', { email: addr, password: PASSWORD, displayName: 'T' });
    const token = linkToken(await lastMailTo(app, addr, 'verify-email'), '/verify-email');
    const up = await c.mutate('auth.verifyEmail', { token });
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
