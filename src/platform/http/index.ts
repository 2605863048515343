/** HTTP: procedures (tRPC + REST from the same definitions), the Fastify server, its guards and plugins. */
export { resolveChannelId } from './channel';
export { composeRouter, type RoutersOf } from './compose-router';
export { createRequestContext, type RequestContext } from './context';
export { CSRF_COOKIE, CSRF_HEADER } from './csrf';
export { createMemoryRateLimiter } from './memory-rate-limiter';
export { buildOpenApiDocument, openApiPlugin } from './openapi';
export {
  type BackoffCount,
  type BackoffPolicy,
  type BackoffResult,
  backoffDelayMs,
  type RateLimiter,
  type RateLimitResult,
} from './rate-limit';
export { createRedisRateLimiter } from './redis-rate-limiter';
export { buildServer, type ServerParts } from './server';
export {
  type Access,
  createCallerFactory,
  type DirectCall,
  directCall,
  type Meta,
  middleware,
  procedure,
  router,
} from './trpc';
export { defineUpload, type Idempotent, type UploadRoute } from './uploads';
export { webPlugin } from './web';
export type { WebhookHandler } from './webhooks';
