import { and, eq, isNull } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../context';
import { badInput } from '../errors';
import { type AccountTokenPurpose, consumeAccountToken, findLiveAccountToken } from './account-tokens';
import { identityTags } from './authenticate';
import { toPublicUser } from './create-user';
import { assertPasswordRules } from './credentials';
import { hashPassword } from './password';
import { sessions, users } from './schema';
import { recordSecurityEvent } from './security-events';
import { type ClientInfo, createSession } from './sessions';
import type { SignedIn } from './sign-in';

/** Links that let a person choose a password: the first-run founder's now, password reset next. */
const PURPOSES: AccountTokenPurpose[] = ['set_password', 'reset_password'];

const invalidLink = () => badInput('token', 'This link has expired or was already used. Ask for a new one.');

/**
 * Sets the password of the account a one-time link belongs to, and signs the person in. The link is
 * checked first (nothing is hashed for a dead link), then the password's strength, then the hash is
 * made outside the transaction; inside it the link is used up with one conditional UPDATE, so of two
 * concurrent uses exactly one wins. Every earlier session of the account ends, and the change is
 * audited with the new sign-in.
 */
export async function setPasswordWithLink(
  ctx: PlatformCtx,
  input: { token: string; password: string } & ClientInfo,
): Promise<SignedIn> {
  const live = await findLiveAccountToken(ctx, input.token, PURPOSES);
  const [user] = live ? await ctx.db.select().from(users).where(eq(users.id, live.userId)) : [];
  if (!live || !user || user.disabledAt) throw invalidLink();
  assertPasswordRules(input.password, 'password', user);
  const passwordHash = await hashPassword(input.password);

  const session = await inTransaction(ctx, async (tx) => {
    const used = await consumeAccountToken(tx, input.token, PURPOSES);
    if (used?.userId !== user.id) throw invalidLink();
    await tx.db.update(users).set({ passwordHash, mustChangePassword: null }).where(eq(users.id, user.id));
    const ended = await tx.db
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    const session = await createSession(tx, user.id, input);
    const event = { userId: user.id, client: input, method: 'set_password_link', byAccount: true } as const;
    await recordSecurityEvent(tx, {
      ...event,
      action: 'auth.passwordSet',
      data: { purpose: used.purpose, otherSessionsEnded: ended.length },
    });
    await recordSecurityEvent(tx, { ...event, action: 'auth.signIn' });
    return session;
  });
  await ctx.platform.cache.invalidate([identityTags.user(user.id)]);
  return { user: toPublicUser({ ...user, passwordHash, mustChangePassword: null }), session };
}
