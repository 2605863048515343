import { z } from 'zod';
import { procedure, router } from '../../http';
import { clientInfo } from '../router-helpers';
import { createApiKey, grantableScopes, listApiKeys, revokeApiKey } from './api-keys';

const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const apiKeysRouter = router({
  list: procedure('apiKeys.manage')
    .meta({
      openapi: {
        method: 'GET',
        path: '/api-keys',
        tags: ['apiKeys'],
        summary: 'Your API keys in this channel',
      },
    })
    .input(z.void())
    .output(z.object({ keys: z.array(ZApiKey) }))
    .query(({ ctx }) => listApiKeys(ctx)),

  scopes: procedure('apiKeys.manage')
    .meta({
      openapi: {
        method: 'GET',
        path: '/api-keys/scopes',
        tags: ['apiKeys'],
        summary: 'Scopes you may grant',
      },
    })
    .input(z.void())
    .output(z.object({ scopes: z.array(z.string()) }))
    .query(({ ctx }) => grantableScopes(ctx)),

  // Not idempotent on purpose: a stored replay would keep the plaintext key in the idempotency table.
  // A signed-in person only (not a key): see createApiKey.
  create: procedure('apiKeys.manage')
    .meta({
      idempotency: 'off',
      openapi: { method: 'POST', path: '/api-keys', tags: ['apiKeys'], summary: 'Create a key (shown once)' },
    })
    .input(
      z.strictObject({
        name: z.string().min(1).max(100),
        scopes: z.array(z.string().min(1).max(64)).min(1).max(64),
      }),
    )
    .output(z.object({ key: z.string(), apiKey: ZApiKey }))
    .mutation(({ ctx, input }) => createApiKey(ctx, { ...input, ...clientInfo(ctx) })),

  revoke: procedure('apiKeys.manage')
    .meta({
      openapi: { method: 'DELETE', path: '/api-keys/{id}', tags: ['apiKeys'], summary: 'Revoke a key' },
    })
    .input(z.strictObject({ id: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx, { ...input, ...clientInfo(ctx) })),
});
