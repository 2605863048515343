import { z } from 'zod';
import type { RequestContext } from '../http';
import { newDeviceToken, setDeviceCookie } from './device-token';
import { setSessionCookie } from './session-cookie';
import type { SignedIn } from './sign-in';

export const ZPublicUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
});

export const clientInfo = (ctx: RequestContext) => ({
  ip: ctx.req.ip,
  userAgent: typeof ctx.req.headers['user-agent'] === 'string' ? ctx.req.headers['user-agent'] : undefined,
});

/**
 * Sets the session cookie and a fresh known-device token, and answers with the user: the tail of every
 * way of signing in.
 */
export function startSession(ctx: RequestContext, signedIn: SignedIn) {
  const { config } = ctx.platform;
  setSessionCookie(ctx.res, config, signedIn.session.token, {
    expiresAt: signedIn.session.expiresAt,
    now: ctx.clock.now(),
  });
  setDeviceCookie(ctx.res, config, newDeviceToken(config, signedIn.user.id));
  return { user: signedIn.user };
}
