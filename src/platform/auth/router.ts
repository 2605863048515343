import { z } from 'zod';
import { procedure, router } from '../http';
import { ACCOUNT_TOKEN_RE } from './account-tokens';
import { changePassword } from './change-password';
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN } from './credentials';
import { deviceTokenOf } from './device-token';
import { getMe } from './get-me';
import { passkeysRouter } from './passkeys/router';
import { requestPasswordReset } from './request-password-reset';
import { clientInfo, startSession, ZPublicUser } from './router-helpers';
import { clearSessionCookie } from './session-cookie';
import { endCurrentSession, listSessions, revokeOtherSessions, revokeSession } from './sessions';
import { resetPasswordWithLink, setPasswordWithLink } from './set-password';
import { signIn } from './sign-in';
import { signUp, verifyEmailAndSignIn } from './sign-up';
import { updateProfile } from './update-profile';

const ZOk = z.object({ ok: z.literal(true) });
// Worded by the error map ("Enter a password", "Use at least 12 characters").
const ZPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
const ZEmail = z.string().min(3).max(EMAIL_MAX);
/** The token of a one-time link from an email or the first-run notice. */
const ZLinkToken = z.string().regex(ACCOUNT_TOKEN_RE, 'That is not a link this site sent');
/** How a person is shown to others: spaces around it do not count. */
const ZDisplayName = z.string().trim().min(1).max(100);

export const authRouter = router({
  me: procedure('public')
    .meta({
      duringPasswordChange: 'allowed',
      openapi: {
        method: 'GET',
        path: '/auth/me',
        tags: ['auth'],
        summary: 'The caller, their roles and permissions',
      },
    })
    .input(z.void())
    .output(
      z.object({
        user: ZPublicUser.nullable(),
        roles: z.array(z.string()),
        permissions: z.array(z.string()),
        channel: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
      }),
    )
    .query(({ ctx }) => getMe(ctx)),

  // The same answer whether or not the address has an account; the email says what happened. A replay
  // with the same Idempotency-Key answers without sending a second email.
  signUp: procedure('public')
    .meta({
      rateLimit: 'signUp',
      openapi: {
        method: 'POST',
        path: '/auth/sign-up',
        tags: ['auth'],
        summary: 'Start an account: emails a link that creates it (the same answer for any address)',
      },
    })
    .input(z.strictObject({ email: ZEmail, password: ZPassword, displayName: ZDisplayName }))
    .output(ZOk)
    .mutation(({ ctx, input }) => signUp(ctx, { ...input, ...clientInfo(ctx) })),

  // Following the link opens a session: replaying a stored answer would hand out no cookie.
  verifyEmail: procedure('public')
    .meta({
      idempotency: 'off',
      rateLimit: 'accountLink',
      openapi: {
        method: 'POST',
        path: '/auth/verify-email',
        tags: ['auth'],
        summary: "Follow a sign-up's emailed link: creates the account and signs in",
      },
    })
    .input(z.strictObject({ token: ZLinkToken }))
    .output(z.object({ user: ZPublicUser }))
    .mutation(async ({ ctx, input }) =>
      startSession(ctx, await verifyEmailAndSignIn(ctx, { ...input, ...clientInfo(ctx) })),
    ),

  // Sign-in opens a new session each time: replaying a stored answer would hand out no cookie.
  signIn: procedure('public')
    .meta({
      idempotency: 'off',
      rateLimit: 'signIn',
      openapi: {
        method: 'POST',
        path: '/auth/sign-in',
        tags: ['auth'],
        summary: 'Sign in with email and password',
      },
    })
    .input(z.strictObject({ email: ZEmail, password: z.string().min(1).max(PASSWORD_MAX) }))
    .output(z.object({ user: ZPublicUser }))
    .mutation(async ({ ctx, input }) =>
      startSession(
        ctx,
        await signIn(ctx, { ...input, ...clientInfo(ctx), deviceToken: deviceTokenOf(ctx.req) }),
      ),
    ),

  signOut: procedure('public')
    .meta({
      duringPasswordChange: 'allowed',
      openapi: { method: 'POST', path: '/auth/sign-out', tags: ['auth'], summary: 'End this session' },
    })
    .input(z.strictObject({}))
    .output(ZOk)
    .mutation(async ({ ctx }) => {
      await endCurrentSession(ctx, clientInfo(ctx));
      clearSessionCookie(ctx.res, ctx.platform.config);
      return { ok: true as const };
    }),

  updateProfile: procedure('account.manage')
    .meta({
      openapi: { method: 'PATCH', path: '/auth/me', tags: ['auth'], summary: 'Change your display name' },
    })
    .input(z.strictObject({ displayName: ZDisplayName }))
    .output(z.object({ user: ZPublicUser }))
    .mutation(({ ctx, input }) => updateProfile(ctx, input)),

  changePassword: procedure('account.manage')
    .meta({
      idempotency: 'off',
      duringPasswordChange: 'allowed',
      openapi: { method: 'POST', path: '/auth/password', tags: ['auth'], summary: 'Change your password' },
    })
    .input(z.strictObject({ currentPassword: z.string().max(PASSWORD_MAX), newPassword: ZPassword }))
    .output(ZOk)
    .mutation(({ ctx, input }) =>
      changePassword(ctx, { ...input, ...clientInfo(ctx), deviceToken: deviceTokenOf(ctx.req) }),
    ),

  // The page a one-time link opens (first-run founder, password reset): choose a password, signed in after.
  setPassword: procedure('public')
    .meta({
      idempotency: 'off',
      rateLimit: 'setPassword',
      duringPasswordChange: 'allowed',
      openapi: {
        method: 'POST',
        path: '/auth/set-password',
        tags: ['auth'],
        summary: 'Choose a password with a one-time link, and sign in',
      },
    })
    .input(
      z.strictObject({
        token: ZLinkToken,
        password: ZPassword,
      }),
    )
    .output(z.object({ user: ZPublicUser }))
    .mutation(async ({ ctx, input }) =>
      startSession(ctx, await setPasswordWithLink(ctx, { ...input, ...clientInfo(ctx) })),
    ),

  // "Forgot password?": answers alike for any address; the link goes to the account's owner only.
  // A replay with the same Idempotency-Key answers without sending a second email.
  requestPasswordReset: procedure('public')
    .meta({
      rateLimit: 'passwordReset',
      openapi: {
        method: 'POST',
        path: '/auth/forgot-password',
        tags: ['auth'],
        summary: 'Email a link to choose a new password (the same answer for any address)',
      },
    })
    .input(z.strictObject({ email: ZEmail }))
    .output(ZOk)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx, { ...input, ...clientInfo(ctx) })),

  // Opens a session: replaying a stored answer would hand out no cookie, and the link works once anyway.
  resetPassword: procedure('public')
    .meta({
      idempotency: 'off',
      rateLimit: 'accountLink',
      duringPasswordChange: 'allowed',
      openapi: {
        method: 'POST',
        path: '/auth/reset-password',
        tags: ['auth'],
        summary: 'Choose a new password with the emailed link: signs out everywhere, then in here',
      },
    })
    .input(z.strictObject({ token: ZLinkToken, password: ZPassword }))
    .output(z.object({ user: ZPublicUser }))
    .mutation(async ({ ctx, input }) =>
      startSession(ctx, await resetPasswordWithLink(ctx, { ...input, ...clientInfo(ctx) })),
    ),

  sessions: procedure('account.manage')
    .meta({
      openapi: { method: 'GET', path: '/auth/sessions', tags: ['auth'], summary: 'Your signed-in sessions' },
    })
    .input(z.void())
    .output(
      z.object({
        sessions: z.array(
          z.object({
            id: z.string(),
            userAgent: z.string().nullable(),
            ip: z.string().nullable(),
            createdAt: z.string(),
            lastSeenAt: z.string(),
            current: z.boolean(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => listSessions(ctx)),

  revokeSession: procedure('account.manage')
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/auth/sessions/{sessionId}',
        tags: ['auth'],
        summary: 'Sign a session out',
      },
    })
    .input(z.strictObject({ sessionId: z.uuid() }))
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      const { current } = await revokeSession(ctx, { ...input, ...clientInfo(ctx) });
      if (current) clearSessionCookie(ctx.res, ctx.platform.config);
      return { ok: true as const };
    }),

  signOutEverywhere: procedure('account.manage')
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/sessions/revoke-others',
        tags: ['auth'],
        summary: 'Sign out every other session',
      },
    })
    .input(z.strictObject({}))
    .output(z.object({ revoked: z.number().int() }))
    .mutation(({ ctx }) => revokeOtherSessions(ctx, clientInfo(ctx))),

  passkeys: passkeysRouter,
});
