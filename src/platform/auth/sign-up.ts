import { and, eq, lt, sql } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../context';
import { sendEmail, signUpAttemptEmail, verifyEmail } from '../email';
import { AppError, badInput } from '../errors';
import { newId } from '../ids';
import { ACCOUNT_TOKEN_RE } from './account-tokens';
import { findUserByEmail, toPublicUser } from './create-user';
import { assertPasswordRules, normalizeEmail } from './credentials';
import { hashPassword } from './password';
import { pendingSignUps, users } from './schema';
import { recordSecurityEvent } from './security-events';
import { type ClientInfo, createSession } from './sessions';
import type { SignedIn } from './sign-in';
import { newSessionToken, sha256Hex } from './tokens';

/** How long a sign-up's confirmation link works. */
export const SIGN_UP_LINK_TTL_MS = 24 * 3_600_000;

/**
 * Sign-up emails one address may receive per hour, whoever asks: past this, sign-ups for it answer alike
 * and send nothing, so nobody can flood an inbox through the sign-up form.
 */
export const SIGN_UP_EMAILS_PER_ADDRESS_PER_HOUR = 5;

const HOUR = 3_600_000;

/**
 * Sign-up, without telling anyone who has an account. Every sign-up with a valid form answers the same
 * `{ ok: true }` after the same work (the password is hashed before the address is looked up), and starts
 * no session. What happens is told by email, to the address's owner only:
 *
 * - a free address gets a link (24 h, single use) that creates the account and signs its owner in; until
 *   then only a pending sign-up exists, so nobody can take an address they cannot read;
 * - an address that already has an account gets the sign-up-attempt email, with links to sign in and to
 *   choose a new password; the account is not touched.
 *
 * Signing up again before following the link sends another link; any of them works until one is used.
 */
export async function signUp(
  ctx: PlatformCtx,
  input: { email: string; password: string; displayName: string } & ClientInfo,
): Promise<{ ok: true }> {
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  if (!displayName) throw badInput('displayName', 'Enter your name');
  assertPasswordRules(input.password, 'password', { email, displayName });
  const passwordHash = await hashPassword(input.password);
  const cap = await ctx.platform.limiter.hit(`signup:to:${email}`, SIGN_UP_EMAILS_PER_ADDRESS_PER_HOUR, HOUR);

  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    // Expired sign-ups of the channel are cleared on the way (an index on expires_at keeps it cheap).
    await tx.db
      .delete(pendingSignUps)
      .where(and(eq(pendingSignUps.channelId, tx.channelId), lt(pendingSignUps.expiresAt, now)));
    const owner = await findUserByEmail(tx.db, email);
    if (!cap.allowed) {
      tx.platform.log.info({ channelId: tx.channelId }, 'sign-up email held back: too many to one address');
      return;
    }
    if (owner) {
      if (owner.disabledAt) return;
      await sendEmail(tx, {
        to: owner.email,
        template: signUpAttemptEmail,
        data: { name: owner.displayName, signInPath: '/signin', resetPath: '/forgot-password' },
      });
      return;
    }
    const token = newSessionToken();
    await tx.db.insert(pendingSignUps).values({
      id: newId(),
      channelId: tx.channelId,
      email,
      displayName,
      passwordHash,
      tokenHash: sha256Hex(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SIGN_UP_LINK_TTL_MS),
    });
    await sendEmail(tx, {
      to: email,
      template: verifyEmail,
      data: {
        name: displayName,
        verifyPath: `/verify-email?token=${token}`,
        expiresInMinutes: SIGN_UP_LINK_TTL_MS / 60_000,
      },
    });
  });
  return { ok: true };
}

const deadLink = () =>
  badInput(
    'token',
    'This link has expired or was already used. Sign up again to get a new one, or sign in if your account is ready.',
  );

/**
 * Follows a sign-up's confirmation link: creates the account (its address verified from the start, its
 * home the channel signed up on), signs its owner in, and audits both, in one transaction. The link is
 * used up with one conditional UPDATE, so of two concurrent uses exactly one wins; it works only on the
 * channel whose email sent it. An address that got an account meanwhile (another of its links was
 * followed first) is a 409 saying to sign in; such links are left to expire rather than deleted here,
 * because deleting them would lock rows a concurrent follower of another link holds (a deadlock).
 */
export async function verifyEmailAndSignIn(
  ctx: PlatformCtx,
  input: { token: string } & ClientInfo,
): Promise<SignedIn> {
  if (!ACCOUNT_TOKEN_RE.test(input.token)) throw deadLink();
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [pending] = await tx.db
      .update(pendingSignUps)
      .set({ usedAt: now })
      .where(
        and(
          eq(pendingSignUps.channelId, tx.channelId),
          eq(pendingSignUps.tokenHash, sha256Hex(input.token)),
          sql`${pendingSignUps.usedAt} is null`,
          sql`${pendingSignUps.expiresAt} > ${now}`,
        ),
      )
      .returning();
    if (!pending) throw deadLink();
    const [user] = await tx.db
      .insert(users)
      .values({
        id: newId(),
        email: pending.email,
        displayName: pending.displayName,
        passwordHash: pending.passwordHash,
        homeChannelId: pending.channelId,
        emailVerifiedAt: now,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!user)
      throw new AppError(
        'CONFLICT',
        'This address already has an account. Sign in, or choose a new password if you forgot it.',
        { field: 'token' },
      );
    const session = await createSession(tx, user.id, input);
    const event = { userId: user.id, client: input, method: 'verify_email_link', byAccount: true } as const;
    await recordSecurityEvent(tx, { ...event, action: 'auth.signedUp', data: { emailVerified: true } });
    await recordSecurityEvent(tx, { ...event, action: 'auth.signIn' });
    return { user: toPublicUser(user), session };
  });
}
