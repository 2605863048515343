import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';

/** One call three ways: a single tRPC call (straight through), the same call in a batch, and REST. */
async function threeWays(client: TestClient, trpcPath: string, restPath: string) {
  const single = await client.query(trpcPath);
  const batch = await client.request('GET', `/trpc/${trpcPath},${trpcPath}?batch=1&input=%7B%7D`);
  const rest = await client.request('GET', restPath);
  return [
    { status: single.status, appCode: single.error?.data?.appCode },
    { status: batch.status, appCode: batch.body?.[0]?.error?.data?.appCode },
    { status: rest.status, appCode: rest.body?.data?.appCode },
  ];
}

describe('access denials carry an AppError code like every other refusal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('nobody signed in: 401 UNAUTHENTICATED, single, batched and REST', async () => {
    const answers = await threeWays(app.client(), 'auth.sessions', '/api/v1/auth/sessions');
    expect(answers).toEqual([
      { status: 401, appCode: 'UNAUTHENTICATED' },
      { status: 401, appCode: 'UNAUTHENTICATED' },
      { status: 401, appCode: 'UNAUTHENTICATED' },
    ]);
  });

  it('a customer asking for staff data: 403 FORBIDDEN, single, batched and REST', async () => {
    const { client } = await signUpAs(app);
    const answers = await threeWays(client, 'users.list', '/api/v1/users');
    expect(answers).toEqual([
      { status: 403, appCode: 'FORBIDDEN' },
      { status: 403, appCode: 'FORBIDDEN' },
      { status: 403, appCode: 'FORBIDDEN' },
    ]);
  });
});
