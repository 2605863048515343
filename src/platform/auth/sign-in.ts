import { eq } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../context';
import { AppError } from '../errors';
import { createUser, findUserByEmail, type PublicUser, toPublicUser } from './create-user';
import { normalizeEmail } from './credentials';
import { loginThrottle } from './login-throttle';
import { burnVerifyTime, hashPassword, needsRehash, verifyPassword } from './password';
import { users } from './schema';
import { type ClientInfo, createSession } from './sessions';

export interface SignedIn {
  user: PublicUser;
  session: { id: string; token: string; expiresAt: Date };
}

const GENERIC_FAILURE = 'Wrong email or password';

export async function signUp(
  ctx: PlatformCtx,
  input: { email: string; password: string; displayName: string } & ClientInfo,
): Promise<SignedIn> {
  return inTransaction(ctx, async (tx) => {
    const user = await createUser(tx.db, {
      email: input.email,
      password: input.password,
      displayName: input.displayName,
      homeChannelId: ctx.channelId,
    });
    const session = await createSession(tx, user.id, input);
    return { user: toPublicUser(user), session };
  });
}

/**
 * Password sign-in. Unknown email, wrong password, disabled or password-less account all answer the
 * same UNAUTHENTICATED message after the same amount of work, so nobody can probe which emails exist.
 */
export async function signIn(
  ctx: PlatformCtx,
  input: { email: string; password: string } & ClientInfo,
): Promise<SignedIn> {
  const { config, limiter } = ctx.platform;
  let email: string;
  try {
    email = normalizeEmail(input.email);
  } catch {
    throw new AppError('UNAUTHENTICATED', GENERIC_FAILURE);
  }
  const throttle = loginThrottle(limiter, config.LOGIN_ATTEMPTS_PER_15_MIN);
  await throttle.attempt(email, input.ip);

  const user = await findUserByEmail(ctx.db, email);
  if (!user?.passwordHash) {
    await burnVerifyTime(input.password);
    throw new AppError('UNAUTHENTICATED', GENERIC_FAILURE);
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok || user.disabledAt) throw new AppError('UNAUTHENTICATED', GENERIC_FAILURE);

  await throttle.succeeded(email, input.ip);
  const rehashed = needsRehash(user.passwordHash) ? await hashPassword(input.password) : undefined;
  const session = await inTransaction(ctx, async (tx) => {
    if (rehashed) await tx.db.update(users).set({ passwordHash: rehashed }).where(eq(users.id, user.id));
    return createSession(tx, user.id, input);
  });
  return { user: toPublicUser(user), session };
}
