import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { and, eq, gt, lt } from 'drizzle-orm';
import { type Ctx, inTransaction, type PlatformCtx, type TxCtx } from '../../context';
import { AppError, notFound } from '../../errors';
import { newId } from '../../ids';
import { authChallenges, passkeys, users } from '../schema';
import { recordSecurityEvent } from '../security-events';
import { type ClientInfo, requireSessionUser } from '../sessions';
import { CHALLENGE_TTL_MS, relyingParty } from './relying-party';

/** EdDSA, ES256, RS256: what platform authenticators and security keys use today. */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257];

export const passkeyView = (p: typeof passkeys.$inferSelect) => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
});

/** Expired ceremonies are garbage: sweep them whenever a new one starts. */
export async function purgeExpiredChallenges(ctx: TxCtx): Promise<void> {
  await ctx.db.delete(authChallenges).where(lt(authChallenges.expiresAt, ctx.clock.now()));
}

/** Step 1 of adding a passkey to the signed-in account: options for the browser's startRegistration. */
export async function passkeyRegistrationOptions(
  ctx: PlatformCtx,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const me = requireSessionUser(ctx);
  const rp = relyingParty(ctx.platform.config);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, me.userId));
  if (!user) throw notFound('User');
  const existing = await ctx.db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, me.userId));
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userID: new TextEncoder().encode(user.id),
    userDisplayName: user.displayName,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    // Discoverable credentials: sign-in needs no email, the authenticator offers the account.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  await inTransaction(ctx, async (tx) => {
    await purgeExpiredChallenges(tx);
    await tx.db.insert(authChallenges).values({
      id: newId(),
      userId: me.userId,
      kind: 'registration',
      challenge: options.challenge,
      expiresAt: new Date(ctx.clock.now().getTime() + CHALLENGE_TTL_MS),
    });
  });
  return options;
}

/** The challenge the browser signed, read from clientDataJSON (verification re-checks it). */
export function challengeOf(clientDataJSON: string): string {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    if (typeof data.challenge === 'string' && data.challenge.length <= 512) return data.challenge;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION', 'response: clientDataJSON is not valid', { field: 'response' });
}

/** Step 2: checks the authenticator's answer against the stored (single-use) challenge and saves the key. */
export async function verifyPasskeyRegistration(
  ctx: PlatformCtx,
  input: { response: RegistrationResponseJSON; name: string } & ClientInfo,
) {
  const me = requireSessionUser(ctx);
  const rp = relyingParty(ctx.platform.config);
  const challenge = challengeOf(input.response.response.clientDataJSON);
  // Consumed on its own commit: a failed verification must not give the challenge back for a replay.
  const [consumed] = await inTransaction(ctx, (tx) =>
    tx.db
      .delete(authChallenges)
      .where(
        and(
          eq(authChallenges.kind, 'registration'),
          eq(authChallenges.userId, me.userId),
          eq(authChallenges.challenge, challenge),
          gt(authChallenges.expiresAt, ctx.clock.now()),
        ),
      )
      .returning(),
  );
  if (!consumed)
    throw new AppError(
      'VALIDATION',
      'response: this passkey request expired or was already used; start again',
      {
        field: 'response',
      },
    );

  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: consumed.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (err) {
    throw new AppError('VALIDATION', `response: ${(err as Error).message}`, {
      field: 'response',
      cause: err,
    });
  }
  if (!verification.verified)
    throw new AppError('VALIDATION', 'response: the passkey could not be verified', { field: 'response' });

  const { credential } = verification.registrationInfo;
  const row = await inTransaction(ctx, async (tx) => {
    const [added] = await tx.db
      .insert(passkeys)
      .values({
        id: credential.id,
        userId: me.userId,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: credential.transports ?? [],
        name: input.name.trim() || 'Passkey',
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!added) throw new AppError('CONFLICT', 'This passkey is already registered');
    await recordSecurityEvent(tx, {
      action: 'auth.passkeyAdded',
      userId: me.userId,
      client: input,
      data: { passkeyId: added.id, name: added.name },
    });
    return added;
  });
  return { passkey: passkeyView(row) };
}

export async function listPasskeys(ctx: Ctx) {
  const me = requireSessionUser(ctx);
  const rows = await ctx.db
    .select()
    .from(passkeys)
    .where(eq(passkeys.userId, me.userId))
    .orderBy(passkeys.createdAt);
  return { passkeys: rows.map(passkeyView) };
}

export async function removePasskey(ctx: Ctx, input: { id: string } & ClientInfo): Promise<{ ok: true }> {
  const me = requireSessionUser(ctx);
  await inTransaction(ctx, async (tx) => {
    const [removed] = await tx.db
      .delete(passkeys)
      .where(and(eq(passkeys.id, input.id), eq(passkeys.userId, me.userId)))
      .returning({ id: passkeys.id, name: passkeys.name });
    if (!removed) throw notFound('Passkey', input.id);
    await recordSecurityEvent(tx, {
      action: 'auth.passkeyRemoved',
      userId: me.userId,
      client: input,
      data: { passkeyId: removed.id, name: removed.name },
    });
  });
  return { ok: true };
}
