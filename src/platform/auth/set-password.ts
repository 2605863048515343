import { and, eq, isNull } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../context';
import { badInput } from '../errors';
import { type AccountTokenPurpose, consumeAccountToken, findLiveAccountToken } from './account-tokens';
import { identityTags } from './authenticate';
import { toPublicUser } from './create-user';
import { assertPasswordRules } from './credentials';
import { clearAccountThrottle } from './login-throttle';
import { hashPassword } from './password';
import { sessions, users } from './schema';
import { recordSecurityEvent, type SecurityAction, type SignInMethod } from './security-events';
import { type ClientInfo, createSession } from './sessions';
import type { SignedIn } from './sign-in';

const invalidLink = () => badInput('token', 'This link has expired or was already used. Ask for a new one.');

interface LinkKind {
  purposes: AccountTokenPurpose[];
  action: SecurityAction;
  method: SignInMethod;
}

/** A first password (the first-run founder, someone invited without one). */
const SET_PASSWORD: LinkKind = {
  purposes: ['set_password'],
  action: 'auth.passwordSet',
  method: 'set_password_link',
};
/** A forgotten password, from the link "Forgot password?" emailed. */
const RESET_PASSWORD: LinkKind = {
  purposes: ['reset_password'],
  action: 'auth.passwordReset',
  method: 'reset_password_link',
};

/** Sets the password of the account a set-password link belongs to, and signs the person in. */
export const setPasswordWithLink = (
  ctx: PlatformCtx,
  input: { token: string; password: string } & ClientInfo,
) => choosePasswordWithLink(ctx, input, SET_PASSWORD);

/**
 * Resets a forgotten password with the emailed link, and signs the person in on this device. Every other
 * session of the account ends (whoever knew the old password is out), and the account's sign-in back-off
 * starts over: whoever was guessing is locked out by the new password, not its owner.
 */
export const resetPasswordWithLink = (
  ctx: PlatformCtx,
  input: { token: string; password: string } & ClientInfo,
) => choosePasswordWithLink(ctx, input, RESET_PASSWORD);

/**
 * Sets the password of the account a one-time link belongs to, and signs the person in. The link is
 * checked first (nothing is hashed for a dead link), then the password's strength, then the hash is
 * made outside the transaction; inside it the link is used up with one conditional UPDATE, so of two
 * concurrent uses exactly one wins. Every earlier session of the account ends, and the change is
 * audited with the new sign-in. Following an emailed link proves the address, so it counts as verified.
 */
async function choosePasswordWithLink(
  ctx: PlatformCtx,
  input: { token: string; password: string } & ClientInfo,
  kind: LinkKind,
): Promise<SignedIn> {
  const live = await findLiveAccountToken(ctx, input.token, kind.purposes);
  const [user] = live ? await ctx.db.select().from(users).where(eq(users.id, live.userId)) : [];
  if (!live || !user || user.disabledAt) throw invalidLink();
  assertPasswordRules(input.password, 'password', user);
  const passwordHash = await hashPassword(input.password);

  const session = await inTransaction(ctx, async (tx) => {
    const used = await consumeAccountToken(tx, input.token, kind.purposes);
    if (used?.userId !== user.id) throw invalidLink();
    await tx.db
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: null,
        emailVerifiedAt: user.emailVerifiedAt ?? tx.clock.now(),
      })
      .where(eq(users.id, user.id));
    const ended = await tx.db
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    const session = await createSession(tx, user.id, input);
    const event = { userId: user.id, client: input, method: kind.method, byAccount: true } as const;
    await recordSecurityEvent(tx, {
      ...event,
      action: kind.action,
      data: { purpose: used.purpose, otherSessionsEnded: ended.length },
    });
    await recordSecurityEvent(tx, { ...event, action: 'auth.signIn' });
    return session;
  });
  await ctx.platform.cache.invalidate([identityTags.user(user.id)]);
  await clearAccountThrottle(ctx.platform, user.email);
  return { user: toPublicUser({ ...user, passwordHash, mustChangePassword: null }), session };
}
