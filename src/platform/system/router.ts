import { z } from 'zod';
import { procedure, router } from '../http';

export const systemRouter = router({
  /** Public liveness with the build's version, for the status page and uptime checks. */
  ping: procedure('public')
    .meta({
      openapi: { method: 'GET', path: '/system/ping', tags: ['system'], summary: 'Liveness and version' },
    })
    .input(z.void())
    .output(z.object({ ok: z.literal(true), version: z.string(), time: z.string() }))
    .query(({ ctx }) => ({
      ok: true as const,
      version: process.env.npm_package_version ?? '0.1.0',
      time: ctx.clock.now().toISOString(),
    })),
});
