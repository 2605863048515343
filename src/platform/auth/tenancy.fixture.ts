import { randomBytes } from 'node:crypto';
import { lastMailTo, linkToken } from '../../../test/helpers/mail';
import { defineTenancyFixture, must, type TenancyWorld } from '../../../test/helpers/tenancy';
import { systemCtx } from '../../../test/helpers/users';
import { VirtualAuthenticator } from '../../../test/helpers/virtual-authenticator';
import { inTransaction } from '../context';
import { type AccountTokenPurpose, issueAccountToken, SET_PASSWORD_TTL_MS } from './account-tokens';
import { relyingParty } from './passkeys/relying-party';

/** A one-time link for the account, as first run (set_password) or "Forgot password?" issues one: its token. */
async function setPasswordLink(
  world: TenancyWorld,
  channelId: string,
  userId: string,
  purpose: AccountTokenPurpose = 'set_password',
): Promise<string> {
  const ctx = systemCtx(world.app, channelId);
  const link = await inTransaction(ctx, (tx) =>
    issueAccountToken(tx, { userId, purpose, ttlMs: SET_PASSWORD_TTL_MS }),
  );
  return link.token;
}

/**
 * Channel B's accounts as the auth slice holds them: its founder's sessions (two browsers), a passkey
 * registered through B's API, an API key made on B, and a newcomer on B who has not chosen a password yet
 * and holds a live set-password link. Accounts are global (a person signs in on any
 * channel), so what A must not reach is everything tied to B's people or to channel B.
 */
export const tenancyFixture = defineTenancyFixture({
  async seed(world) {
    const founder = world.b.founder;
    const rp = relyingParty(world.app.platform.config);
    const device = new VirtualAuthenticator(rp.id, rp.origin);
    const options = must(
      await founder.client.mutate('auth.passkeys.registrationOptions', {}),
      'B passkey options',
    );
    must(
      await founder.client.mutate('auth.passkeys.verifyRegistration', {
        response: device.register(options.data),
        name: 'B-MARKER passkey',
      }),
      "B's passkey",
    );
    const key = must(
      await founder.client.mutate('apiKeys.create', { name: 'B-MARKER key', scopes: ['users.read'] }),
      "B's API key",
    ).data.apiKey as { id: string; prefix: string };
    const phone = await world.sessionOn(world.b, founder.userId);
    // A's founder sells on B too, with a key of their own there: reachable through B's host only.
    const onB = await world.sessionOn(world.b, world.a.founder.userId);
    const ownKey = must(
      await onB.client.mutate('apiKeys.create', { name: 'B-MARKER key of A', scopes: ['studio.access'] }),
      "A's founder's key on B",
    ).data.apiKey as { id: string; prefix: string };
    // Someone invited on B whose link is still live: it must stay live and theirs whatever A sends.
    const newcomer = await world.accountOn(world.b, { displayName: 'B-MARKER newcomer' });
    const newcomerLink = await setPasswordLink(world, world.b.id, newcomer.userId);
    // Someone who signed up on B and has not followed the link yet: no account, a pending sign-up of B.
    const pendingEmail = `b-marker-pending-${randomBytes(4).toString('hex')}@example.test`;
    must(
      await world.app.client({ host: world.b.host }).mutate('auth.signUp', {
        email: pendingEmail,
        password: 'b-pending-passphrase-77',
        displayName: 'P',
      }),
      "B's pending sign-up",
    );
    const pendingLink = linkToken(await lastMailTo(world.app, pendingEmail, 'verify-email'), '/verify-email');
    return {
      passkeyId: device.id,
      keyId: key.id,
      ownKeyOnB: ownKey.id,
      sessionId: founder.sessionId,
      rp,
      newcomerLink,
      pendingEmail,
      pendingLink,
      markers: [
        pendingEmail,
        pendingLink,
        device.id,
        key.id,
        key.prefix,
        ownKey.id,
        ownKey.prefix,
        founder.sessionId,
        phone.sessionId,
        newcomer.userId,
        newcomer.email,
        newcomerLink,
      ],
    };
  },

  probes(b, world) {
    const bFounder = world.b.founder;
    // A device of A's claiming B's credential id: what a thief holding only the id could build.
    const claimingBsPasskey = () =>
      new VirtualAuthenticator(b.rp.id, b.rp.origin, Buffer.from(b.passkeyId, 'base64url'));
    return {
      'auth.me': {
        status: 200,
        check: (me) => {
          if (me.channel.id !== world.a.id) throw new Error(`auth.me answered channel ${me.channel.id}`);
        },
      },
      // Sign-up answers alike for any address; what happens is told by email, to the address's owner.
      'auth.signUp': [
        {
          name: "B's founder's address",
          input: { email: bFounder.email, password: 'a-new-password-for-b', displayName: 'Not B' },
          status: 200,
          why: "the owner of B's founder account is emailed; the account (global) is neither replaced nor touched",
        },
      ],
      'auth.verifyEmail': [
        {
          name: 'a well-formed link nobody sent',
          input: { token: randomBytes(32).toString('base64url') },
          status: 400,
          why: 'a guessed link is refused like a dead one',
        },
        {
          name: "B's pending sign-up's link, followed on A's host",
          input: { token: b.pendingLink },
          status: 400,
          why: "a confirmation link works only on the channel whose email sent it: B's sign-up stays pending",
        },
        {
          name: 'a link A emailed',
          prepare: async () => {
            const email = `a-newcomer-${randomBytes(4).toString('hex')}@example.test`;
            must(
              await world.app
                .client({ host: world.a.host })
                .mutate('auth.signUp', { email, password: 'a-newcomer-passphrase-5', displayName: 'A new' }),
              "A's sign-up",
            );
            return { token: linkToken(await lastMailTo(world.app, email, 'verify-email'), '/verify-email') };
          },
          status: 200,
          check: (data) => {
            if (!data.user.email.startsWith('a-newcomer-'))
              throw new Error(`auth.verifyEmail signed in ${data.user.email}, not the newcomer`);
          },
        },
      ],
      'auth.signIn': {
        input: { email: bFounder.email, password: 'not-b-founders-password' },
        status: 401,
        why: "signing in as B's founder needs B's password; whoever has it is B's founder, on any channel",
      },
      'auth.signOut': { input: {}, status: 200 },
      'auth.updateProfile': { input: { displayName: 'A founder, renamed' }, status: 200 },
      'auth.changePassword': {
        input: { currentPassword: world.a.founder.password, newPassword: world.a.founder.password },
        status: 200,
      },
      'auth.sessions': { status: 200 },
      'auth.revokeSession': { input: { sessionId: b.sessionId }, status: 404 },
      'auth.signOutEverywhere': { input: {}, status: 200 },
      'apiKeys.list': { status: 200 },
      'apiKeys.scopes': { status: 200 },
      'apiKeys.create': { input: { name: 'A key', scopes: ['users.read'] }, status: 200 },
      'apiKeys.revoke': [
        { name: "B's founder's key", input: { id: b.keyId }, status: 404 },
        { name: "the caller's own key, made on B", input: { id: b.ownKeyOnB }, status: 404 },
      ],
      'auth.passkeys.list': { status: 200 },
      'auth.passkeys.registrationOptions': { input: {}, status: 200 },
      'auth.passkeys.verifyRegistration': {
        prepare: async (caller) => {
          const options = must(await caller.mutate('auth.passkeys.registrationOptions', {}), 'A options');
          return { response: claimingBsPasskey().register(options.data), name: 'Claimed' };
        },
        status: 409,
        why: "B's passkey id is taken: a device claiming it for A's account must neither move nor alter B's",
      },
      'auth.passkeys.authenticationOptions': {
        input: { email: bFounder.email },
        status: 200,
        reveals: {
          markers: [b.passkeyId],
          why: "sign-in options for an email list that account's passkeys wherever it signs in (identity is global)",
        },
      },
      'auth.passkeys.verifyAuthentication': {
        prepare: async (caller) => {
          const { challengeId, options } = must(
            await caller.mutate('auth.passkeys.authenticationOptions', { email: bFounder.email }),
            'A sign-in options',
          ).data;
          const forger = claimingBsPasskey();
          forger.userHandle = Buffer.from(bFounder.userId).toString('base64url');
          return { challengeId, response: forger.authenticate(options) };
        },
        status: 401,
        why: "an assertion for B's passkey cannot be made without B's private key: A's forgery is refused",
      },
      'auth.passkeys.remove': { input: { id: b.passkeyId }, status: 404 },
      // A link is the credential of the person it was sent to, like a password (see auth.signIn): whoever
      // holds B's newcomer's link is that person, on any channel. What A can send is a link of its own,
      // or a guess; neither may touch B's people or their live link.
      'auth.setPassword': [
        {
          name: 'a well-formed link nobody sent',
          input: { token: randomBytes(32).toString('base64url'), password: 'a-new-passphrase-for-b-7' },
          status: 400,
          why: "a guessed link is refused like a dead one, and B's newcomer's live link stays live and unused",
        },
        {
          name: "the caller's own link",
          prepare: async () => ({
            token: await setPasswordLink(world, world.a.id, world.a.founder.userId),
            password: world.a.founder.password,
          }),
          status: 200,
          check: (data) => {
            if (data.user.id !== world.a.founder.userId)
              throw new Error(`auth.setPassword signed in ${data.user.id}, not the link's holder`);
          },
        },
      ],
      // Anyone may ask for a reset link for any address and gets the same answer; the link goes to the
      // address's owner. Asking for B's people's addresses is left out: it rightly issues them a link
      // (identity is global), which the snapshot of B would count as a change.
      'auth.requestPasswordReset': [
        { name: 'an address without an account', input: { email: 'nobody-here@example.test' }, status: 200 },
        { name: "the caller's own address", input: { email: world.a.founder.email }, status: 200 },
      ],
      'auth.resetPassword': [
        {
          name: 'a well-formed link nobody sent',
          input: { token: randomBytes(32).toString('base64url'), password: 'a-new-passphrase-for-b-7' },
          status: 400,
          why: "a guessed link is refused like a dead one, and B's people's links stay live and unused",
        },
        {
          name: "B's newcomer's set-password link",
          input: { token: b.newcomerLink, password: 'a-new-passphrase-for-b-7' },
          status: 400,
          why: 'a reset takes reset links only: a first-password link is refused here and stays live',
        },
        {
          name: "the caller's own reset link",
          prepare: async () => ({
            token: await setPasswordLink(world, world.a.id, world.a.founder.userId, 'reset_password'),
            password: world.a.founder.password,
          }),
          status: 200,
          check: (data) => {
            if (data.user.id !== world.a.founder.userId)
              throw new Error(`auth.resetPassword signed in ${data.user.id}, not the link's holder`);
          },
        },
      ],
    };
  },
});
