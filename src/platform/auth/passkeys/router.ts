import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { procedure, router } from '../../http';
import { deviceTokenOf } from '../device-token';
import { clientInfo, startSession, ZPublicUser } from '../router-helpers';
import {
  listPasskeys,
  passkeyRegistrationOptions,
  removePasskey,
  verifyPasskeyRegistration,
} from './register-passkey';
import { passkeyAuthenticationOptions, verifyPasskeyAuthentication } from './sign-in-with-passkey';

const b64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*={0,2}$/, 'Use base64url: letters, digits, - and _');

// The browser library's JSON; extra fields it may add in future versions pass through untouched.
const ZRegistrationResponse = z.looseObject({
  id: b64url.min(1).max(1024),
  rawId: b64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

const ZAuthenticationResponse = z.looseObject({
  id: b64url.min(1).max(1024),
  rawId: b64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

const ZPasskey = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
const ZOptions = z.looseObject({ challenge: z.string() });
/** The library's option types are closed interfaces; the wire shape is plain JSON. */
const asJson = (o: { challenge: string }) => o as unknown as z.infer<typeof ZOptions>;

export const passkeysRouter = router({
  list: procedure('account.manage')
    .meta({ openapi: { method: 'GET', path: '/auth/passkeys', tags: ['auth'], summary: 'Your passkeys' } })
    .input(z.void())
    .output(z.object({ passkeys: z.array(ZPasskey) }))
    .query(({ ctx }) => listPasskeys(ctx)),

  // Ceremony steps are for browsers (startRegistration / startAuthentication), so tRPC only.
  registrationOptions: procedure('account.manage')
    .meta({ idempotency: 'off' })
    .input(z.strictObject({}))
    .output(ZOptions)
    .mutation(async ({ ctx }) => asJson(await passkeyRegistrationOptions(ctx))),

  verifyRegistration: procedure('account.manage')
    .meta({ idempotency: 'off' })
    .input(z.strictObject({ response: ZRegistrationResponse, name: z.string().max(100).default('Passkey') }))
    .output(z.object({ passkey: ZPasskey }))
    .mutation(({ ctx, input }) =>
      verifyPasskeyRegistration(ctx, {
        response: input.response as RegistrationResponseJSON,
        name: input.name,
        ...clientInfo(ctx),
      }),
    ),

  authenticationOptions: procedure('public')
    .meta({ idempotency: 'off', rateLimit: 'passkeySignIn' })
    .input(z.strictObject({ email: z.string().max(254).optional() }))
    .output(z.object({ challengeId: z.string(), options: ZOptions }))
    .mutation(async ({ ctx, input }) => {
      const { challengeId, options } = await passkeyAuthenticationOptions(ctx, input);
      return { challengeId, options: asJson(options) };
    }),

  verifyAuthentication: procedure('public')
    .meta({ idempotency: 'off', rateLimit: 'passkeySignIn' })
    .input(z.strictObject({ challengeId: z.uuid(), response: ZAuthenticationResponse }))
    .output(z.object({ user: ZPublicUser }))
    .mutation(async ({ ctx, input }) =>
      startSession(
        ctx,
        await verifyPasskeyAuthentication(ctx, {
          challengeId: input.challengeId,
          response: input.response as AuthenticationResponseJSON,
          ...clientInfo(ctx),
          deviceToken: deviceTokenOf(ctx.req),
        }),
      ),
    ),

  remove: procedure('account.manage')
    .meta({
      openapi: { method: 'DELETE', path: '/auth/passkeys/{id}', tags: ['auth'], summary: 'Remove a passkey' },
    })
    .input(z.strictObject({ id: z.string().min(1).max(1024) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => removePasskey(ctx, { ...input, ...clientInfo(ctx) })),
});
