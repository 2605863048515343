import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { lastMailTo, linkToken as mailLinkToken } from '../../../test/helpers/mail';
import { auditLog } from '../audit/schema';
import { fixedClock } from '../clock';
import { inTransaction, systemActor } from '../context';
import { runSeeders } from '../kit';
import { issueAccountToken } from './account-tokens';
import { findUserByEmail } from './create-user';
import { accountTokens } from './schema';
import { sha256Hex } from './tokens';

const NEW_PASSWORD = 'founders-own-long-passphrase';

describe('first start in production', () => {
  const clock = fixedClock('2030-03-01T12:00:00Z');
  let app: TestApp;
  let printed = '';
  beforeAll(async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      printed += String(chunk);
      return true;
    });
    try {
      app = await startTestApp({
        db: 'pglite',
        clock,
        // SEED_DEMO left unset ('' counts as unset): production's default applies.
        env: { ROLES: 'api', NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), SEED_DEMO: '' },
      });
    } finally {
      write.mockRestore();
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const linkToken = () => /\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(printed)?.[1];

  it('creates no demo accounts and prints no password: the founder gets a one-time set-password link', async () => {
    expect(app.platform.config.SEED_DEMO).toBe(false);
    expect(printed).toContain(`${app.platform.config.PUBLIC_URL}/set-password?token=`);
    expect(printed).not.toMatch(/demo-\w+-password|first-run password/);
    for (const role of ['admin', 'support', 'customer'])
      expect(await findUserByEmail(app.platform.db, `${role}@lsn.local`)).toBeUndefined();
    const founder = (await findUserByEmail(app.platform.db, 'founder@lsn.local'))!;
    expect(founder.passwordHash).toBeNull();

    // Only the token's hash is stored; it works for 24 hours.
    const token = linkToken()!;
    const [row] = await app.platform.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.userId, founder.id));
    expect(row).toMatchObject({ purpose: 'set_password', tokenHash: sha256Hex(token), usedAt: null });
    expect(row!.expiresAt.getTime() - clock.now().getTime()).toBe(24 * 3_600_000);
    expect(JSON.stringify(row)).not.toContain(token);

    // A restart while the link is live prints nothing new.
    let again = '';
    expect((await runSeeders(app.platform, { demo: false }, (t) => (again += t))).announced).toEqual([]);
    expect(again).toBe('');
  });

  it('the link sets the password once (strength checked first), signs the founder in and is audited', async () => {
    const token = linkToken()!;
    const weak = await app.client().mutate('auth.setPassword', { token, password: 'founder@lsn.local' });
    expect(weak.status).toBe(400);
    expect(weak.error.data.field).toBe('password');

    const browser = app.client({ 'user-agent': 'Founder Browser' });
    const set = await browser.mutate('auth.setPassword', { token, password: NEW_PASSWORD });
    expect(set.status).toBe(200);
    expect(set.data.user).toMatchObject({ email: 'founder@lsn.local', mustChangePassword: false });
    const me = await browser.query('auth.me');
    expect(me.data.roles).toEqual(['customer', 'founder']);
    expect((await browser.query('users.list', {})).status).toBe(200);

    const reused = await app
      .client()
      .mutate('auth.setPassword', { token, password: 'another-long-passphrase' });
    expect(reused.status).toBe(400);
    expect(reused.error.data.field).toBe('token');
    expect(reused.error.message).toBe('token: This link has expired or was already used. Ask for a new one.');
    const bogus = await app
      .client()
      .mutate('auth.setPassword', { token: 'not a token', password: NEW_PASSWORD });
    expect(bogus.status).toBe(400);
    expect(bogus.error.data.field).toBe('token');

    expect(
      (await app.client().mutate('auth.signIn', { email: 'founder@lsn.local', password: NEW_PASSWORD }))
        .status,
    ).toBe(200);
    const actions = await app.platform.db
      .select({ action: auditLog.action, data: auditLog.data })
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.passwordSet'));
    expect(actions).toHaveLength(1);
    expect(actions[0]!.data).toMatchObject({ method: 'set_password_link', userAgent: 'Founder Browser' });
    expect(JSON.stringify(actions)).not.toContain(token);

    // Set: later starts print nothing.
    expect((await runSeeders(app.platform, { demo: false }, () => {})).announced).toEqual([]);
  });

  it('a link stops working after 24 hours, and only the newest link works', async () => {
    const founder = (await findUserByEmail(app.platform.db, 'founder@lsn.local'))!;
    const ctx = {
      db: app.platform.db,
      actor: systemActor(),
      channelId: app.platform.defaultChannelId,
      requestId: 't',
      clock,
    };
    const issue = () =>
      inTransaction(ctx, (tx) =>
        issueAccountToken(tx, { userId: founder.id, purpose: 'reset_password', ttlMs: 24 * 3_600_000 }),
      );
    const first = await issue();
    const second = await issue();
    const set = (token: string) => app.client().mutate('auth.setPassword', { token, password: NEW_PASSWORD });
    expect((await set(first.token)).status).toBe(400);
    clock.advance(24 * 3_600_000 + 1);
    expect((await set(second.token)).status).toBe(400);
  });
});

describe('first start in production with a mail server', () => {
  let app: TestApp;
  let printed = '';
  beforeAll(async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      printed += String(chunk);
      return true;
    });
    try {
      app = await startTestApp({
        db: 'pglite',
        // API only: the email is queued in the seed's transaction; delivery is the email slice's job.
        env: {
          ROLES: 'api',
          NODE_ENV: 'production',
          SESSION_SECRET: 's'.repeat(40),
          SEED_DEMO: '',
          SMTP_URL: 'smtp://127.0.0.1:2525',
          FOUNDER_EMAIL: 'Owner@Shop.example',
        },
      });
    } finally {
      write.mockRestore();
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it("emails the founder's set-password link to FOUNDER_EMAIL as well as printing it once", async () => {
    const printedToken = /\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(printed)?.[1];
    expect(printedToken).toBeDefined();
    expect(printed).toContain('(also emailed to owner@shop.example)');
    const mail = await lastMailTo(app, 'owner@shop.example', 'founder-set-password');
    expect(mail.secret).toBe(true);
    expect(mailLinkToken(mail, '/set-password')).toBe(printedToken);
    const founder = (await findUserByEmail(app.platform.db, 'owner@shop.example'))!;
    expect(founder.emailVerifiedAt).not.toBeNull();
  });
});
