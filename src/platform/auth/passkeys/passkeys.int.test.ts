import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/app';
import { mailTo } from '../../../../test/helpers/mail';
import { signUpAs } from '../../../../test/helpers/users';
import { VirtualAuthenticator } from '../../../../test/helpers/virtual-authenticator';
import { auditLog } from '../../audit/schema';
import { authChallenges, passkeys } from '../schema';

// The product's public address: RP ID "localhost", origin "http://localhost:3000".
const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:3000';

describe('passkeys', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api', PUBLIC_URL: 'http://localhost:3000' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function registerPasskey() {
    const owner = await signUpAs(app);
    const device = new VirtualAuthenticator(RP_ID, ORIGIN);
    const options = (await owner.client.mutate('auth.passkeys.registrationOptions', {})).data;
    expect(options.rp).toEqual({ name: 'Live Shopping Network', id: RP_ID });
    expect(options.authenticatorSelection.residentKey).toBe('required');
    const verified = await owner.client.mutate('auth.passkeys.verifyRegistration', {
      response: device.register(options),
      name: 'Laptop',
    });
    expect(verified.status).toBe(200);
    return { owner, device, passkey: verified.data.passkey };
  }

  it('registers a real P-256 passkey, then signs in with it without an email (discoverable)', async () => {
    const { owner, device, passkey } = await registerPasskey();
    expect(passkey).toMatchObject({ id: device.id, name: 'Laptop', lastUsedAt: null });
    expect((await owner.client.query('auth.passkeys.list')).data.passkeys.map((p: any) => p.id)).toEqual([
      device.id,
    ]);

    const browser = app.client();
    const { challengeId, options } = (await browser.mutate('auth.passkeys.authenticationOptions', {})).data;
    expect(options.rpId).toBe(RP_ID);
    expect(options.allowCredentials ?? []).toEqual([]);
    const signedIn = await browser.mutate('auth.passkeys.verifyAuthentication', {
      challengeId,
      response: device.authenticate(options),
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.data.user.id).toBe(owner.userId);
    expect((await browser.query('auth.me')).data.user.id).toBe(owner.userId);

    const [row] = await app.platform.db.select().from(passkeys).where(eq(passkeys.id, device.id));
    expect(row!.counter).toBe(1);
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it('a wrong signature is refused and opens no session', async () => {
    const { device } = await registerPasskey();
    const browser = app.client();
    const { challengeId, options } = (await browser.mutate('auth.passkeys.authenticationOptions', {})).data;
    const r = await browser.mutate('auth.passkeys.verifyAuthentication', {
      challengeId,
      response: device.authenticate(options, { tamper: true }),
    });
    expect(r.status).toBe(401);
    expect(browser.cookies.has('lsn_session')).toBe(false);
    expect((await browser.query('auth.me')).data.user).toBeNull();
  });

  it('a challenge works once: replaying a valid answer is refused', async () => {
    const { device } = await registerPasskey();
    const { challengeId, options } = (await app.client().mutate('auth.passkeys.authenticationOptions', {}))
      .data;
    const answer = device.authenticate(options);
    expect(
      (await app.client().mutate('auth.passkeys.verifyAuthentication', { challengeId, response: answer }))
        .status,
    ).toBe(200);
    const replay = await app
      .client()
      .mutate('auth.passkeys.verifyAuthentication', { challengeId, response: answer });
    expect(replay.status).toBe(401);
    expect(replay.error.message).toMatch(/expired or was already used/);
  });

  it('a challenge expires after 5 minutes', async () => {
    const { device } = await registerPasskey();
    const { challengeId, options } = (await app.client().mutate('auth.passkeys.authenticationOptions', {}))
      .data;
    await app.platform.db
      .update(authChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authChallenges.id, challengeId));
    const r = await app.client().mutate('auth.passkeys.verifyAuthentication', {
      challengeId,
      response: device.authenticate(options),
    });
    expect(r.status).toBe(401);
  });

  it('an answer for another site (wrong origin) is refused', async () => {
    const { owner } = await registerPasskey();
    const phishing = new VirtualAuthenticator(RP_ID, 'https://evil.example');
    const options = (await owner.client.mutate('auth.passkeys.registrationOptions', {})).data;
    const r = await owner.client.mutate('auth.passkeys.verifyRegistration', {
      response: phishing.register(options),
      name: 'x',
    });
    expect(r.status).toBe(400);
    expect(r.error.data.field).toBe('response');
  });

  it('with an email, the options list that account’s passkeys; a removed passkey can no longer sign in', async () => {
    const { owner, device } = await registerPasskey();
    const byEmail = (await app.client().mutate('auth.passkeys.authenticationOptions', { email: owner.email }))
      .data;
    expect(byEmail.options.allowCredentials.map((c: any) => c.id)).toEqual([device.id]);

    expect((await owner.client.mutate('auth.passkeys.remove', { id: device.id })).data).toEqual({ ok: true });
    expect((await owner.client.query('auth.passkeys.list')).data.passkeys).toEqual([]);
    const { challengeId, options } = (await app.client().mutate('auth.passkeys.authenticationOptions', {}))
      .data;
    const r = await app.client().mutate('auth.passkeys.verifyAuthentication', {
      challengeId,
      response: device.authenticate(options),
    });
    expect(r.status).toBe(401);
  });

  it('an email without passkeys gets the same decoy every time, so the answer does not reveal accounts', async () => {
    const optionsFor = async (email: string) =>
      (await app.client().mutate('auth.passkeys.authenticationOptions', { email })).data.options
        .allowCredentials as { id: string }[];
    const noPasskeys = await signUpAs(app);
    const nobody = `nobody-${Date.now()}@example.test`;
    const [forAccount, forNobody] = [await optionsFor(noPasskeys.email), await optionsFor(nobody)];
    // Shaped like a real answer: one credential id, not an empty list.
    expect(forAccount).toHaveLength(1);
    expect(forNobody).toHaveLength(1);
    expect(forAccount[0]!.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Stable per address (asking twice tells nothing), different between addresses, case-insensitive.
    expect(await optionsFor(nobody)).toEqual(forNobody);
    expect(await optionsFor(noPasskeys.email.toUpperCase())).toEqual(forAccount);
    expect(forAccount[0]!.id).not.toBe(forNobody[0]!.id);

    // An account with a passkey lists it, and no decoy; once it is removed, the decoy answers instead.
    const { owner, device } = await registerPasskey();
    expect((await optionsFor(owner.email)).map((c) => c.id)).toEqual([device.id]);
    await owner.client.mutate('auth.passkeys.remove', { id: device.id });
    const after = await optionsFor(owner.email);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(device.id);
  });

  it("nobody can remove someone else's passkey", async () => {
    const { device } = await registerPasskey();
    const stranger = await signUpAs(app);
    expect((await stranger.client.mutate('auth.passkeys.remove', { id: device.id })).status).toBe(404);
  });

  it('adding a passkey, signing in with it and removing it are audited as security events', async () => {
    const { owner, device } = await registerPasskey();
    const browser = app.client({ 'user-agent': 'Passkey Browser' });
    const { challengeId, options } = (await browser.mutate('auth.passkeys.authenticationOptions', {})).data;
    await browser.mutate('auth.passkeys.verifyAuthentication', {
      challengeId,
      response: device.authenticate(options),
    });
    expect((await owner.client.mutate('auth.passkeys.remove', { id: device.id })).status).toBe(200);
    const all = await app.platform.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, owner.userId)))
      .orderBy(asc(auditLog.seq));
    // The sign-up (the emailed link followed) comes first.
    expect(all.slice(0, 2).map((r) => r.action)).toEqual(['auth.signedUp', 'auth.signIn']);
    const rows = all.slice(2);
    expect(rows.map((r) => r.action)).toEqual(['auth.passkeyAdded', 'auth.signIn', 'auth.passkeyRemoved']);
    expect(rows.every((r) => r.actorId === owner.userId)).toBe(true);
    expect(rows[0]!.data).toMatchObject({ passkeyId: device.id, name: 'Laptop' });
    expect(rows[1]!.data).toMatchObject({
      method: 'passkey',
      userAgent: 'Passkey Browser',
      passkeyId: device.id,
      knownDevice: false,
    });
    // A passkey sign-in from a browser new to the account tells its owner, like a password one.
    const notices = await mailTo(app, owner.email, 'new-sign-in');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('An unknown device');
  });
});
