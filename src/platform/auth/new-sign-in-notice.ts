import type { PlatformCtx, TxCtx } from '../context';
import { newSignInEmail, sendEmail } from '../email';
import type { ClientInfo } from './sessions';

/**
 * Tells the owner about a sign-in from a browser that has not signed in to this account before (it holds
 * no known-device cookie for it): when, which device, from which address, with the ways to end sessions
 * and choose a new password. Sent in the sign-in's transaction, so it goes out only if the sign-in
 * happened. A sign-in right after confirming the address, or through an emailed link, sends none: the
 * person just proved they read that inbox.
 */
export async function sendNewSignInNotice(
  tx: PlatformCtx & TxCtx,
  user: { email: string; displayName: string },
  client: ClientInfo,
): Promise<void> {
  await sendEmail(tx, {
    to: user.email,
    template: newSignInEmail,
    data: {
      name: user.displayName,
      at: tx.clock.now().toISOString(),
      userAgent: client.userAgent?.slice(0, 1_000) ?? null,
      ip: client.ip?.slice(0, 100) ?? null,
      resetPath: '/forgot-password',
      sessionsPath: '/account/sessions',
    },
  });
}
