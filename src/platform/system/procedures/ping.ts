import { procedure } from '../../http';
import { ZPingRequestSchema, ZPingResponseSchema } from './ping.types';

/** Public liveness with the build's version, for the status page and uptime checks. */
export const pingProcedure = procedure('public')
  .meta({
    openapi: { method: 'GET', path: '/system/ping', tags: ['system'], summary: 'Liveness and version' },
  })
  .input(ZPingRequestSchema)
  .output(ZPingResponseSchema)
  .query(({ ctx }) => ({
    ok: true as const,
    version: process.env.npm_package_version ?? '0.1.0',
    time: ctx.clock.now().toISOString(),
  }));
