import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { HealthCheck } from '../kit';
import type { Platform } from '../platform';

/**
 * `/healthz`: the process is up (for restarts). `/readyz`: the database answers and every module's
 * readiness check passes (the job system's among them), for load balancers. `/metrics`: Prometheus text.
 */
export function healthPlugin(platform: Platform) {
  const checks: HealthCheck[] = [
    {
      name: 'database',
      check: async () => {
        await platform.db.execute(sql`select 1`);
      },
    },
    ...platform.registry.health,
  ];
  return async (app: FastifyInstance) => {
    app.get('/healthz', async () => ({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
    app.get('/readyz', async (_req, reply) => {
      const results: Record<string, { ok: boolean; error?: string; ms: number }> = {};
      await Promise.all(
        checks.map(async (c) => {
          const started = performance.now();
          try {
            await withTimeout(c.check(platform), 2_000);
            results[c.name] = { ok: true, ms: Math.round(performance.now() - started) };
          } catch (err) {
            results[c.name] = {
              ok: false,
              error: (err as Error).message,
              ms: Math.round(performance.now() - started),
            };
          }
        }),
      );
      const ready = Object.values(results).every((r) => r.ok);
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results });
    });
    if (platform.config.METRICS_ENABLED) {
      app.get('/metrics', async (_req, reply) => {
        reply.header('content-type', platform.metrics.registry.contentType);
        return platform.metrics.registry.metrics();
      });
    }
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
