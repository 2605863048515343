import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app';

describe.each(['pglite', 'postgres'] as const)('the product on %s', (db) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers over tRPC and REST from the same procedure', async () => {
    const c = app.client();
    const trpc = await c.query('system.ping');
    expect(trpc.status).toBe(200);
    expect(trpc.data.ok).toBe(true);
    const rest = await c.request('GET', '/api/v1/system/ping');
    expect(rest.status).toBe(200);
    expect(rest.body.ok).toBe(true);
    expect(rest.headers.get('x-request-id')).toBeTruthy();
  });
});
