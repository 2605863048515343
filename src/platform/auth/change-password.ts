import { and, eq, isNull, ne } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../context';
import { AppError, notFound } from '../errors';
import { identityTags } from './authenticate';
import { assertPasswordRules } from './credentials';
import { loginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { sessions, users } from './schema';
import { requireSessionUser } from './sessions';

/**
 * Changes the caller's password. The current one is required (a borrowed unlocked browser must not be
 * enough) and checked under the same throttle as sign-in. Other sessions end: whoever knew the old
 * password is signed out.
 */
export async function changePassword(
  ctx: PlatformCtx,
  input: { currentPassword: string; newPassword: string; ip?: string },
): Promise<{ ok: true }> {
  const me = requireSessionUser(ctx);
  assertPasswordRules(input.newPassword, 'newPassword');
  const [user] = await ctx.db.select().from(users).where(eq(users.id, me.userId));
  if (!user) throw notFound('User');
  if (user.passwordHash) {
    const throttle = loginThrottle(ctx.platform.limiter, ctx.platform.config.LOGIN_ATTEMPTS_PER_15_MIN);
    await throttle.attempt(user.email, input.ip);
    if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
      throw new AppError('VALIDATION', 'currentPassword: is not your current password', {
        field: 'currentPassword',
      });
    await throttle.succeeded(user.email, input.ip);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(users).set({ passwordHash, mustChangePassword: null }).where(eq(users.id, me.userId));
    await tx.db
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.userId, me.userId), ne(sessions.id, me.sessionId), isNull(sessions.revokedAt)));
  });
  await ctx.platform.cache.invalidate([identityTags.user(me.userId)]);
  return { ok: true };
}
