import { createHmac, randomBytes } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import { and, eq, gt, sql } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../../context';
import { AppError } from '../../errors';
import { newId } from '../../ids';
import { toPublicUser } from '../create-user';
import { normalizeEmail } from '../credentials';
import { knownDevice as isKnownDevice } from '../device-token';
import { sendNewSignInNotice } from '../new-sign-in-notice';
import { authChallenges, passkeys, users } from '../schema';
import { recordSecurityEvent } from '../security-events';
import { type ClientInfo, createSession } from '../sessions';
import type { SignedIn } from '../sign-in';
import { purgeExpiredChallenges } from './register-passkey';
import { CHALLENGE_TTL_MS, relyingParty } from './relying-party';

const FAILED = 'That passkey could not sign you in';

/** Keys the decoys when SESSION_SECRET is unset (development): stable for the life of the process. */
const processSecret = randomBytes(32);

/**
 * What an email with no passkeys behind it is answered with: one credential id derived from the email
 * and the deployment's secret, the same on every ask and on every node, that no authenticator holds.
 * Without it, an empty list would tell anyone which addresses have accounts with passkeys (WebAuthn
 * Level 3, §14.6.2 "Username Enumeration").
 */
function decoyCredential(secret: string | undefined, email: string) {
  const id = createHmac('sha256', secret ?? processSecret)
    .update(`passkey-decoy:${email}`)
    .digest('base64url');
  return { id, transports: ['hybrid', 'internal'] };
}

/**
 * Step 1 of passkey sign-in. Without an email the browser offers any discoverable passkey for this
 * site; with one, the account's own passkeys are listed (helps browsers without discoverable UI), and an
 * address with none (or no account) gets a stable decoy, so the answer does not reveal which it was.
 */
export async function passkeyAuthenticationOptions(
  ctx: PlatformCtx,
  input: { email?: string },
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const rp = relyingParty(ctx.platform.config);
  let allowCredentials: { id: string; transports?: string[] }[] = [];
  if (input.email) {
    const email = normalizeEmail(input.email);
    // One query whether or not the account exists, so the answer takes as long either way.
    const rows = await ctx.db
      .select({ id: passkeys.id, transports: passkeys.transports })
      .from(passkeys)
      .innerJoin(users, eq(users.id, passkeys.userId))
      .where(eq(sql`lower(${users.email})`, email));
    allowCredentials = rows.length
      ? rows.map((r) => ({ id: r.id, transports: r.transports }))
      : [decoyCredential(ctx.platform.config.SESSION_SECRET, email)];
  }
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials,
    userVerification: 'preferred',
  });
  const challengeId = newId();
  await inTransaction(ctx, async (tx) => {
    await purgeExpiredChallenges(tx);
    await tx.db.insert(authChallenges).values({
      id: challengeId,
      userId: null,
      kind: 'authentication',
      challenge: options.challenge,
      expiresAt: new Date(ctx.clock.now().getTime() + CHALLENGE_TTL_MS),
    });
  });
  return { challengeId, options };
}

/** Step 2: verifies the signed assertion with the stored public key, bumps the counter, opens a session. */
export async function verifyPasskeyAuthentication(
  ctx: PlatformCtx,
  input: { challengeId: string; response: AuthenticationResponseJSON; deviceToken?: string } & ClientInfo,
): Promise<SignedIn> {
  const rp = relyingParty(ctx.platform.config);
  const now = ctx.clock.now();
  // Deleting is what makes the challenge single-use, even under concurrent replays.
  const [challenge] = await inTransaction(ctx, (tx) =>
    tx.db
      .delete(authChallenges)
      .where(
        and(
          eq(authChallenges.id, input.challengeId),
          eq(authChallenges.kind, 'authentication'),
          gt(authChallenges.expiresAt, now),
        ),
      )
      .returning(),
  );
  if (!challenge)
    throw new AppError('UNAUTHENTICATED', 'This passkey request expired or was already used; try again');

  const [row] = await ctx.db
    .select({ passkey: passkeys, user: users })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(eq(passkeys.id, input.response.id));
  if (!row || row.user.disabledAt) throw new AppError('UNAUTHENTICATED', FAILED);
  const handle = input.response.response.userHandle;
  if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== row.user.id)
    throw new AppError('UNAUTHENTICATED', FAILED);

  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: row.passkey.id,
        publicKey: new Uint8Array(row.passkey.publicKey),
        counter: row.passkey.counter,
        transports: row.passkey.transports as never,
      },
      requireUserVerification: false,
    });
  } catch (err) {
    ctx.platform.log.info({ err, passkeyId: row.passkey.id }, 'passkey assertion refused');
    throw new AppError('UNAUTHENTICATED', FAILED);
  }
  if (!verification.verified) throw new AppError('UNAUTHENTICATED', FAILED);

  const newCounter = verification.authenticationInfo.newCounter;
  const knownDevice = isKnownDevice(ctx.platform.config, input.deviceToken, row.user.id) !== null;
  const session = await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(passkeys)
      .set({ counter: newCounter, lastUsedAt: now })
      .where(eq(passkeys.id, row.passkey.id));
    const session = await createSession(tx, row.user.id, input);
    await recordSecurityEvent(tx, {
      action: 'auth.signIn',
      userId: row.user.id,
      client: input,
      method: 'passkey',
      data: { passkeyId: row.passkey.id, knownDevice },
      byAccount: true,
    });
    if (!knownDevice) await sendNewSignInNotice(tx, row.user, input);
    return session;
  });
  return { user: toPublicUser(row.user), session };
}
