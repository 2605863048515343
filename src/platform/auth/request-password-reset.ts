import { inTransaction, type PlatformCtx } from '../context';
import { emailChannel, renderEmail, resetPasswordEmail, sendEmail } from '../email';
import { issueAccountToken } from './account-tokens';
import { findUserByEmail } from './create-user';
import { normalizeEmail } from './credentials';
import type { ClientInfo } from './sessions';

/** How long a password reset link works. */
export const RESET_PASSWORD_TTL_MS = 30 * 60_000;

/**
 * Reset emails one address may receive per hour, whoever asks and from wherever: past this, requests for
 * it answer alike and send nothing, so nobody can flood an inbox from many networks.
 */
export const RESET_EMAILS_PER_ADDRESS_PER_HOUR = 3;

const HOUR = 3_600_000;

/**
 * "Forgot password": emails the account's owner a 30-minute, single-use link to choose a new password.
 * The answer is the same for any address (an account, none, a disabled one, one past its email cap), and
 * so is the work: when no email goes out, the email is still rendered and thrown away, so the time taken
 * says nothing about who has an account either.
 */
export async function requestPasswordReset(
  ctx: PlatformCtx,
  input: { email: string } & ClientInfo,
): Promise<{ ok: true }> {
  const email = normalizeEmail(input.email);
  const user = await findUserByEmail(ctx.db, email);
  const cap = await ctx.platform.limiter.hit(`reset:to:${email}`, RESET_EMAILS_PER_ADDRESS_PER_HOUR, HOUR);
  const data = (resetPath: string) => ({
    name: user?.displayName,
    resetPath,
    expiresInMinutes: RESET_PASSWORD_TTL_MS / 60_000,
  });
  if (user && !user.disabledAt && cap.allowed) {
    await inTransaction(ctx, async (tx) => {
      const link = await issueAccountToken(tx, {
        userId: user.id,
        purpose: 'reset_password',
        ttlMs: RESET_PASSWORD_TTL_MS,
      });
      await sendEmail(tx, {
        to: user.email,
        template: resetPasswordEmail,
        data: data(`/reset-password?token=${link.token}`),
      });
    });
  } else {
    if (user && !cap.allowed)
      ctx.platform.log.info({ userId: user.id }, 'password reset email held back: too many this hour');
    await renderEmail(
      resetPasswordEmail,
      data('/reset-password?token=nothing-was-sent'),
      await emailChannel(ctx, ctx.platform.config),
    );
  }
  return { ok: true };
}
