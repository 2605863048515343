import { and, eq, isNull, ne } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../context';
import { AppError, notFound } from '../errors';
import { identityTags } from './authenticate';
import { assertPasswordRules } from './credentials';
import { knownDevice } from './device-token';
import { passwordThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { sessions, users } from './schema';
import { recordFailureBursts, recordSecurityEvent } from './security-events';
import { type ClientInfo, requireSessionUser } from './sessions';

/**
 * Changes the caller's password. The current one is required (a borrowed unlocked browser must not be
 * enough) and checked under the same throttle as sign-in. Other sessions end: whoever knew the old
 * password is signed out. Recorded as a security event in the same transaction.
 */
export async function changePassword(
  ctx: PlatformCtx,
  input: { currentPassword: string; newPassword: string; deviceToken?: string } & ClientInfo,
): Promise<{ ok: true }> {
  const me = requireSessionUser(ctx);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, me.userId));
  if (!user) throw notFound('User');
  assertPasswordRules(input.newPassword, 'newPassword', user);
  if (user.passwordHash) {
    const attempt = await passwordThrottle(ctx.platform).attempt({
      email: user.email,
      ip: input.ip,
      deviceId: knownDevice(ctx.platform.config, input.deviceToken, user.id),
    });
    const ok = await verifyPassword(input.currentPassword, user.passwordHash).catch(async (err: unknown) => {
      await attempt.abandoned();
      throw err;
    });
    if (!ok) {
      const bursts = attempt.failed();
      if (bursts.length)
        await inTransaction(ctx, (tx) =>
          recordFailureBursts(tx, { bursts, userId: user.id, client: input, method: 'password' }),
        );
      throw new AppError('VALIDATION', 'currentPassword: is not your current password', {
        field: 'currentPassword',
      });
    }
    await attempt.succeeded();
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(users).set({ passwordHash, mustChangePassword: null }).where(eq(users.id, me.userId));
    const ended = await tx.db
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.userId, me.userId), ne(sessions.id, me.sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await recordSecurityEvent(tx, {
      action: 'auth.passwordChanged',
      userId: me.userId,
      client: input,
      data: { otherSessionsEnded: ended.length },
    });
  });
  await ctx.platform.cache.invalidate([identityTags.user(me.userId)]);
  return { ok: true };
}
