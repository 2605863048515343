import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, roles } from '../../src/platform/kit';
import { appRouter } from '../../src/router';
import { startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { listProcedures } from '../helpers/procedures';
import { permissionsOf } from '../helpers/registry';
import { signUpAs } from '../helpers/users';

/**
 * Every procedure guarded by a permission is probed as every role, with an input that can never pass
 * validation (so nothing runs): a role without the permission gets 403, a role with it gets past the
 * check (400 for the bad input).
 */
const guarded = listProcedures(appRouter).filter(
  (p) => p.access !== 'public' && p.access !== 'authenticated',
);
const PROBE = { __probe__: true };

describe('each role is allowed exactly what the matrix says', () => {
  let app: TestApp;
  const clients = new Map<Role | 'anonymous', TestClient>();

  beforeAll(async () => {
    app = await startTestApp();
    clients.set('anonymous', app.client());
    for (const role of roles)
      clients.set(role, (await signUpAs(app, role === 'customer' ? [] : [role])).client);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function call(client: TestClient, path: string, type: string) {
    return type === 'query' ? client.query(path, PROBE) : client.mutate(path, PROBE);
  }

  it('there are guarded procedures to probe', () => {
    expect(guarded.length).toBeGreaterThan(0);
  });

  for (const p of guarded) {
    it(`${p.path} (${p.access})`, async () => {
      const anon = await call(clients.get('anonymous')!, p.path, p.type);
      expect(anon.status, `anonymous ${p.path}`).toBe(401);
      for (const role of roles) {
        const res = await call(clients.get(role)!, p.path, p.type);
        const allowed = permissionsOf([role]).has(p.access as never);
        if (allowed) expect(res.status, `${role} should get past the check on ${p.path}`).toBe(400);
        else expect(res.status, `${role} should be refused ${p.path}`).toBe(403);
      }
    });
  }
});
