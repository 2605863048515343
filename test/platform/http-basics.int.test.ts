import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookHandler } from '../../src/platform/http';
import { defineModule } from '../../src/platform/kit';
import { startTestApp, type TestApp } from '../helpers/app';

const SECRET = 'test-webhook-secret';
const received: unknown[] = [];

// A receiver like a payment provider's: the signature covers the exact bytes sent.
const receiver: WebhookHandler = async (_platform, req) => {
  const signature = req.headers['x-signature'];
  const expected = createHmac('sha256', SECRET).update(req.rawBody).digest('hex');
  if (signature !== expected) return { status: 401, body: { error: 'bad signature' } };
  received.push(JSON.parse(req.rawBody.toString('utf8')));
  return { status: 200 };
};

describe('HTTP basics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '5' },
      modules: [
        defineModule({
          name: 'test-provider',
          description: 'A webhook receiver',
          webhooks: { 'test-provider': receiver },
        }),
      ],
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a client over its rate limit gets 429 with Retry-After; other clients are unaffected', async () => {
    const c = app.client();
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof c.query>> | undefined;
    for (let i = 0; i < 7; i++) {
      last = await c.query('system.ping');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Pages and health checks are not API calls: they stay reachable.
    expect((await c.request('GET', '/healthz')).status).toBe(200);
    await app.platform.limiter.reset('api:ip:127.0.0.1');
  });

  it('webhooks get the raw body, so a signature over the exact bytes verifies', async () => {
    const body = '{"id":"evt_1",  "amount": 1250}'; // odd spacing: re-serialized JSON would not match
    const sig = createHmac('sha256', SECRET).update(body).digest('hex');
    const c = app.client();
    const ok = await c.request('POST', '/webhooks/test-provider', body, { 'x-signature': sig });
    expect(ok.status).toBe(200);
    expect(received).toEqual([{ id: 'evt_1', amount: 1250 }]);
    const forged = await c.request('POST', '/webhooks/test-provider', body.replace('1250', '9999'), {
      'x-signature': sig,
    });
    expect(forged.status).toBe(401);
    expect((await c.request('POST', '/webhooks/nobody', '{}')).status).toBe(404);
    await app.platform.limiter.reset('api:ip:127.0.0.1');
  });

  it('health, readiness and metrics answer', async () => {
    const c = app.client();
    expect((await c.request('GET', '/healthz')).body.status).toBe('ok');
    const ready = await c.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database.ok).toBe(true);
    expect(ready.body.checks.jobs.ok).toBe(true);
    const metrics = await c.request('GET', '/metrics');
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/readyz"');
    expect(metrics.body).toContain('ws_connections');
  });
});
