import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../platform';
import { rateLimitHook } from './rate-limit-hook';

/** A provider's webhook receiver: gets the raw body to verify the signature before parsing. */
export type WebhookHandler = (
  platform: Platform,
  req: FastifyRequest & { rawBody: Buffer },
) => Promise<{ status: number; body?: unknown }>;

/** POST /webhooks/<provider> for every receiver a module declares (its manifest's `webhooks`). */
export async function registerWebhookRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const handlers = platform.registry.webhooks;
  await app.register(async (scope) => {
    // The per-client API limit applies here too; CSRF does not (receivers verify a signature instead).
    scope.addHook('onRequest', rateLimitHook(platform));
    // Keep the bytes exactly as sent: signatures are computed over them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { provider: string } }>('/webhooks/:provider', async (req, reply) => {
      const handler = handlers.get(req.params.provider);
      if (!handler)
        return reply
          .status(404)
          .send({ error: 'Not Found', message: `No webhook receiver for ${req.params.provider}` });
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await handler(platform, Object.assign(req, { rawBody }));
      return reply.status(result.status).send(result.body ?? { ok: result.status < 300 });
    });
  });
}
