import { eq } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../context';
import { AppError } from '../errors';
import { findUserByEmail, type PublicUser, toPublicUser } from './create-user';
import { normalizeEmail } from './credentials';
import { knownDevice } from './device-token';
import { passwordThrottle } from './login-throttle';
import { sendNewSignInNotice } from './new-sign-in-notice';
import { burnVerifyTime, hashPassword, needsRehash, verifyPassword } from './password';
import { users } from './schema';
import { recordFailureBursts, recordSecurityEvent } from './security-events';
import { type ClientInfo, createSession } from './sessions';

export interface SignedIn {
  user: PublicUser;
  session: { id: string; token: string; expiresAt: Date };
}

const GENERIC_FAILURE = 'Wrong email or password';

/**
 * Password sign-in. Unknown email, wrong password, disabled or password-less account all answer the
 * same UNAUTHENTICATED message after the same amount of work, so nobody can probe which emails exist.
 * Every attempt passes the throttle first (login-throttle.ts); `deviceToken` is the browser's known-device
 * cookie, which gives the account's owner a budget of their own.
 */
export async function signIn(
  ctx: PlatformCtx,
  input: { email: string; password: string; deviceToken?: string } & ClientInfo,
): Promise<SignedIn> {
  let email: string;
  try {
    email = normalizeEmail(input.email);
  } catch {
    throw new AppError('UNAUTHENTICATED', GENERIC_FAILURE);
  }
  const user = await findUserByEmail(ctx.db, email);
  const deviceId = user ? knownDevice(ctx.platform.config, input.deviceToken, user.id) : null;
  const attempt = await passwordThrottle(ctx.platform).attempt({ email, ip: input.ip, deviceId });

  let ok: boolean;
  try {
    ok = user?.passwordHash
      ? await verifyPassword(input.password, user.passwordHash)
      : await burnVerifyTime(input.password).then(() => false);
  } catch (err) {
    // Not checked (the hashing gate was full): this attempt must not count as a wrong password.
    await attempt.abandoned();
    throw err;
  }
  if (!ok || !user || user.disabledAt) {
    const bursts = attempt.failed();
    if (bursts.length)
      await inTransaction(ctx, (tx) =>
        recordFailureBursts(tx, { bursts, userId: user?.id, client: input, method: 'password' }),
      );
    throw new AppError('UNAUTHENTICATED', GENERIC_FAILURE);
  }

  await attempt.succeeded();
  const rehashed = needsRehash(user.passwordHash!) ? await hashPassword(input.password) : undefined;
  const session = await inTransaction(ctx, async (tx) => {
    if (rehashed) await tx.db.update(users).set({ passwordHash: rehashed }).where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, input);
    await recordSecurityEvent(tx, {
      action: 'auth.signIn',
      userId: user.id,
      client: input,
      method: 'password',
      data: { knownDevice: deviceId !== null },
      byAccount: true,
    });
    if (deviceId === null) await sendNewSignInNotice(tx, user, input);
    return session;
  });
  return { user: toPublicUser(user), session };
}
