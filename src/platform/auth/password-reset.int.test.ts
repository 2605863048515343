import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { lastMailTo, linkToken, mailTo } from '../../../test/helpers/mail';
import { signUpAs } from '../../../test/helpers/users';
import { auditLog } from '../audit/schema';
import { fixedClock } from '../clock';
import { RESET_EMAILS_PER_ADDRESS_PER_HOUR } from './request-password-reset';

const NEW_PASSWORD = 'a-brand-new-passphrase-9';
let n = 0;
const unknownAddress = () => `nobody${++n}-${Date.now().toString(36)}@example.test`;

describe.each(['pglite', 'postgres'] as const)('password reset on %s', (db) => {
  const clock = fixedClock('2030-01-01T09:00:00Z');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      db,
      clock,
      env: { ROLES: 'api', LOGIN_FREE_FAILURES: '2', TRUST_PROXY: 'true' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Asks for a reset link for the address and returns the token from the email. */
  async function resetLink(email: string): Promise<string> {
    const asked = await app.client().mutate('auth.requestPasswordReset', { email });
    expect(asked.status).toBe(200);
    return linkToken(await lastMailTo(app, email, 'reset-password'), '/reset-password');
  }

  it('answers alike for an account and for an address without one, and emails only the owner', async () => {
    const owner = await signUpAs(app);
    const nobody = unknownAddress();
    const forOwner = await app.client().mutate('auth.requestPasswordReset', { email: owner.email });
    const forNobody = await app.client().mutate('auth.requestPasswordReset', { email: nobody });
    expect(forOwner.status).toBe(200);
    expect(forNobody.status).toBe(forOwner.status);
    expect(forNobody.body).toEqual(forOwner.body);
    expect(await mailTo(app, nobody)).toEqual([]);
    const mail = await lastMailTo(app, owner.email, 'reset-password');
    expect(mail.subject).toMatch(/Reset your .* password/);
    expect(mail.text).toMatch(/expires in 30 minutes/);
    expect(linkToken(mail, '/reset-password')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a reset signs out every session, the old password stops working, and the person is signed in here', async () => {
    const owner = await signUpAs(app);
    const laptop = app.client();
    expect(
      (await laptop.mutate('auth.signIn', { email: owner.email, password: owner.password })).status,
    ).toBe(200);
    const token = await resetLink(owner.email);

    const browser = app.client();
    const weak = await browser.mutate('auth.resetPassword', { token, password: owner.email });
    expect(weak.status).toBe(400);
    expect(weak.error.data.field).toBe('password');
    expect(weak.error.message).toMatch(/too easy to guess/);

    const done = await browser.mutate('auth.resetPassword', { token, password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.data.user.id).toBe(owner.userId);
    expect((await browser.query('auth.me')).data.user.id).toBe(owner.userId);
    expect((await owner.client.query('auth.me')).data.user).toBeNull();
    expect((await laptop.query('auth.me')).data.user).toBeNull();
    const old = await app.client().mutate('auth.signIn', { email: owner.email, password: owner.password });
    expect(old.status).toBe(401);
    expect(
      (await app.client().mutate('auth.signIn', { email: owner.email, password: NEW_PASSWORD })).status,
    ).toBe(200);

    // The link worked once.
    const again = await app
      .client()
      .mutate('auth.resetPassword', { token, password: 'yet-another-passphrase-4' });
    expect(again.status).toBe(400);
    expect(again.error.data.field).toBe('token');
    expect(again.error.message).toMatch(/expired or was already used/);

    const audit = await app.platform.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, owner.userId), eq(auditLog.action, 'auth.passwordReset')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ method: 'reset_password_link', otherSessionsEnded: 2 });
    expect(JSON.stringify(audit[0]!.data)).not.toContain(token);
  });

  it('a link expires after 30 minutes; a mangled one is refused in plain words', async () => {
    const owner = await signUpAs(app);
    const token = await resetLink(owner.email);
    clock.advance(30 * 60_000 + 1000);
    const late = await app.client().mutate('auth.resetPassword', { token, password: NEW_PASSWORD });
    expect(late.status).toBe(400);
    expect(late.error.message).toMatch(/This link has expired or was already used. Ask for a new one./);
    const mangled = await app
      .client()
      .mutate('auth.resetPassword', { token: `${token.slice(0, 20)}!`, password: NEW_PASSWORD });
    expect(mangled.status).toBe(400);
    expect(mangled.error.data.field).toBe('token');
    expect(mangled.error.message).toMatch(/That is not a link this site sent/);
    expect(
      (await app.client().mutate('auth.signIn', { email: owner.email, password: owner.password })).status,
    ).toBe(200);
  });

  it('only the newest link works, and a set-password link is not a reset link', async () => {
    const owner = await signUpAs(app);
    const first = await resetLink(owner.email);
    const second = await resetLink(owner.email);
    expect(
      (await app.client().mutate('auth.resetPassword', { token: first, password: NEW_PASSWORD })).status,
    ).toBe(400);
    expect(
      (await app.client().mutate('auth.setPassword', { token: second, password: NEW_PASSWORD })).status,
    ).toBe(400);
    expect(
      (await app.client().mutate('auth.resetPassword', { token: second, password: NEW_PASSWORD })).status,
    ).toBe(200);
  });

  it("a reset clears the account's sign-in back-off, so its owner gets straight back in", async () => {
    const owner = await signUpAs(app);
    const from = { 'x-forwarded-for': `203.0.113.${++n % 250}` };
    for (let i = 0; i < 4; i++)
      await app.client().mutate('auth.signIn', { email: owner.email, password: `guess-${i}-guess` }, from);
    const locked = await app.client().mutate('auth.signIn', { email: owner.email, password: owner.password });
    expect(locked.status).toBe(429);
    const token = await resetLink(owner.email);
    expect((await app.client().mutate('auth.resetPassword', { token, password: NEW_PASSWORD })).status).toBe(
      200,
    );
    const phone = app.client();
    expect((await phone.mutate('auth.signIn', { email: owner.email, password: NEW_PASSWORD })).status).toBe(
      200,
    );
  });

  it('an address gets a few reset emails an hour whoever asks; more requests answer alike and send nothing', async () => {
    const owner = await signUpAs(app);
    const answers = [];
    for (let i = 0; i < RESET_EMAILS_PER_ADDRESS_PER_HOUR + 2; i++)
      answers.push(
        await app
          .client()
          .mutate(
            'auth.requestPasswordReset',
            { email: owner.email },
            { 'x-forwarded-for': `198.51.100.${i + 1}` },
          ),
      );
    expect(new Set(answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).size).toBe(1);
    expect(await mailTo(app, owner.email, 'reset-password')).toHaveLength(RESET_EMAILS_PER_ADDRESS_PER_HOUR);
    clock.advance(2 * 3_600_000);
    await app.client().mutate('auth.requestPasswordReset', { email: owner.email });
    expect(await mailTo(app, owner.email, 'reset-password')).toHaveLength(
      RESET_EMAILS_PER_ADDRESS_PER_HOUR + 1,
    );
  });

  it('two browsers using one link at the same moment: exactly one resets the password', async () => {
    const owner = await signUpAs(app);
    const token = await resetLink(owner.email);
    const results = await Promise.all(
      ['a-first-racing-passphrase-1', 'a-second-racing-passphrase-2'].map((password) =>
        app.client().mutate('auth.resetPassword', { token, password }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });
});

describe('new sign-in notice', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api' } });
  });
  afterAll(async () => {
    await app?.close();
  });
  const FIREFOX_ON_WINDOWS =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

  it('a sign-in from a new browser emails the owner; the same browser again, or the first sign-in, does not', async () => {
    const owner = await signUpAs(app);
    expect(await mailTo(app, owner.email, 'new-sign-in')).toEqual([]);

    const stranger = app.client({ 'user-agent': FIREFOX_ON_WINDOWS });
    expect(
      (await stranger.mutate('auth.signIn', { email: owner.email, password: owner.password })).status,
    ).toBe(200);
    const notices = await mailTo(app, owner.email, 'new-sign-in');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toMatch(/New sign-in to your .* account/);
    expect(notices[0]!.text).toContain('Firefox on Windows');
    expect(notices[0]!.text).toContain('127.0.0.1');
    expect(notices[0]!.text).toMatch(/\/forgot-password/);
    expect(notices[0]!.text).toMatch(/\/account\/sessions/);

    // That browser is known to the account now; so is the one that signed up.
    expect(
      (await stranger.mutate('auth.signIn', { email: owner.email, password: owner.password })).status,
    ).toBe(200);
    expect(
      (await owner.client.mutate('auth.signIn', { email: owner.email, password: owner.password })).status,
    ).toBe(200);
    expect(await mailTo(app, owner.email, 'new-sign-in')).toHaveLength(1);

    // A wrong password sends nothing.
    await app.client().mutate('auth.signIn', { email: owner.email, password: 'not-the-password' });
    expect(await mailTo(app, owner.email, 'new-sign-in')).toHaveLength(1);
  });
});
