import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/app';
import { signUpAs } from '../../../../test/helpers/users';
import { channels } from '../../access';
import { auditLog } from '../../audit/schema';
import { newId } from '../../ids';
import { apiKeys } from '../schema';
import { sha256Hex } from '../tokens';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('API keys', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a key works on REST with Bearer (no CSRF needed), is stored only as a hash, and is refused after revoke', async () => {
    const admin = await signUpAs(app, ['admin']);
    const created = await admin.client.mutate('apiKeys.create', {
      name: 'reporting',
      scopes: ['users.read'],
    });
    expect(created.status).toBe(200);
    const { key, apiKey } = created.data;
    expect(key).toMatch(/^lsn_[0-9a-f]{8}_/);
    expect(key.startsWith(`lsn_${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).toMatchObject({
      name: 'reporting',
      scopes: ['users.read'],
      revokedAt: null,
      lastUsedAt: null,
    });

    const [row] = await app.platform.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row!.secretHash).toBe(sha256Hex(key));
    // The secret is everything after `lsn_<prefix8>_` (base64url, so it may itself contain `_`).
    expect(JSON.stringify(row)).not.toContain(key.slice('lsn_12345678_'.length));

    // A fresh client: no cookies, no CSRF token, only the key.
    const robot = app.client();
    const list = await robot.request('GET', '/api/v1/users', undefined, bearer(key));
    expect(list.status).toBe(200);
    expect(list.body.users.some((u: any) => u.id === admin.userId)).toBe(true);
    const [used] = await app.platform.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(used!.lastUsedAt).not.toBeNull();

    // The list shows it (without the secret); revoking is audited and the key stops working at once.
    const keys = (await admin.client.query('apiKeys.list')).data.keys;
    expect(keys.map((k: any) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(keys)).not.toContain(key);
    expect((await admin.client.mutate('apiKeys.revoke', { id: apiKey.id })).data).toEqual({ ok: true });
    const after = await robot.request('GET', '/api/v1/users', undefined, bearer(key));
    expect(after.status).toBe(401);
    const actions = await app.platform.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, apiKey.id));
    expect(actions.map((a) => a.action)).toEqual(['apiKeys.create', 'apiKeys.revoke']);
  });

  it('scopes narrow permissions: a users.read key cannot manage keys or grant roles', async () => {
    const admin = await signUpAs(app, ['admin']);
    const target = await signUpAs(app);
    const { key } = (await admin.client.mutate('apiKeys.create', { name: 'ro', scopes: ['users.read'] }))
      .data;
    const robot = app.client();
    expect((await robot.request('GET', '/api/v1/api-keys', undefined, bearer(key))).status).toBe(403);
    const grant = await robot.request(
      'POST',
      `/api/v1/users/${target.userId}/roles`,
      { role: 'support' },
      bearer(key),
    );
    expect(grant.status).toBe(403);
    const me = await robot.request('GET', '/api/v1/auth/me', undefined, bearer(key));
    expect(me.body.permissions).toEqual(['users.read']);

    // A wider key can do the mutation, over REST, without any CSRF token.
    const wide = (
      await admin.client.mutate('apiKeys.create', { name: 'rw', scopes: ['users.read', 'roles.assign'] })
    ).data;
    const ok = await robot.request(
      'POST',
      `/api/v1/users/${target.userId}/roles`,
      { role: 'support' },
      bearer(wide.key),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.roles).toEqual(['support']);
  });

  it('a key never outgrows its creator: when the creator loses a role, the key loses it too', async () => {
    const admin = await signUpAs(app, ['admin']);
    const { key } = (await admin.client.mutate('apiKeys.create', { name: 'k', scopes: ['users.read'] })).data;
    expect((await app.client().request('GET', '/api/v1/users', undefined, bearer(key))).status).toBe(200);
    // The founder takes the role away; the key (already authenticated once, so cached) loses it at once.
    const founder = await signUpAs(app, ['founder']);
    const removed = await founder.client.mutate('users.removeRole', { userId: admin.userId, role: 'admin' });
    expect(removed.status).toBe(200);
    expect((await app.client().request('GET', '/api/v1/users', undefined, bearer(key))).status).toBe(403);
  });

  it('scopes must be known permissions the creator holds; errors name scopes', async () => {
    const admin = await signUpAs(app, ['admin']);
    const grantable = (await admin.client.query('apiKeys.scopes')).data.scopes;
    expect(grantable).toContain('roles.assign');
    expect(grantable).not.toContain('roles.assignPrivileged');

    const unknown = await admin.client.mutate('apiKeys.create', {
      name: 'x',
      scopes: ['users.read', 'orders.everything'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.error.data.field).toBe('scopes');
    expect(unknown.error.message).toMatch(/orders\.everything/);

    const notHeld = await admin.client.mutate('apiKeys.create', {
      name: 'x',
      scopes: ['roles.assignPrivileged'],
    });
    expect(notHeld.status).toBe(403);
    expect(notHeld.error.data.field).toBe('scopes');

    const customer = await signUpAs(app);
    expect(
      (await customer.client.mutate('apiKeys.create', { name: 'x', scopes: ['account.manage'] })).status,
    ).toBe(403);
  });

  it('a key used on another channel’s host is refused with 401; malformed keys too', async () => {
    const admin = await signUpAs(app, ['admin']);
    const { key } = (await admin.client.mutate('apiKeys.create', { name: 'k', scopes: ['users.read'] })).data;
    await app.platform.db
      .insert(channels)
      .values({ id: newId(), slug: `other-${Date.now()}`, name: 'Other', domains: ['other-shop.test'] });
    const foreign = await app
      .client()
      .request('GET', '/api/v1/users', undefined, { ...bearer(key), 'x-forwarded-host': 'other-shop.test' });
    expect(foreign.status).toBe(401);
    // Even a public procedure refuses a bad key rather than quietly treating the caller as anonymous.
    const publicCall = await app.client().request('GET', '/api/v1/auth/me', undefined, {
      ...bearer(key),
      'x-forwarded-host': 'other-shop.test',
    });
    expect(publicCall.status).toBe(401);
    expect((await app.client().request('GET', '/api/v1/users', undefined, bearer('lsn_nope'))).status).toBe(
      401,
    );
    const trpc = await app.client().query('auth.me', undefined, bearer(`${key.slice(0, -2)}xx`));
    expect(trpc.status).toBe(401);
  });

  it('a key cannot mint keys, even with the apiKeys.manage scope: creating one needs a signed-in person', async () => {
    const admin = await signUpAs(app, ['admin']);
    const { key } = (
      await admin.client.mutate('apiKeys.create', {
        name: 'parent',
        scopes: ['apiKeys.manage', 'users.read'],
      })
    ).data;
    const robot = app.client();
    const child = await robot.request(
      'POST',
      '/api/v1/api-keys',
      { name: 'child', scopes: ['users.read'] },
      bearer(key),
    );
    expect(child.status).toBe(403);
    expect(child.body.data.appCode).toBe('FORBIDDEN');
    expect(child.body.message).toMatch(/API keys cannot/);
    const viaTrpc = await robot.mutate(
      'apiKeys.create',
      { name: 'child', scopes: ['users.read'] },
      bearer(key),
    );
    expect(viaTrpc.status).toBe(403);
    const names = (await admin.client.query('apiKeys.list')).data.keys.map((k: any) => k.name);
    expect(names).not.toContain('child');
  });

  it('every audit entry names the key that acted, hashed into the chain, and the audit list shows and filters it', async () => {
    const admin = await signUpAs(app, ['admin']);
    const target = await signUpAs(app);
    const founder = await signUpAs(app, ['founder']);
    const robotKey = (
      await admin.client.mutate('apiKeys.create', {
        name: 'robot',
        scopes: ['roles.assign', 'apiKeys.manage'],
      })
    ).data;
    const spare = (await admin.client.mutate('apiKeys.create', { name: 'spare', scopes: ['users.read'] }))
      .data;
    const robot = app.client();
    expect(
      (
        await robot.request(
          'POST',
          `/api/v1/users/${target.userId}/roles`,
          { role: 'ops' },
          bearer(robotKey.key),
        )
      ).status,
    ).toBe(200);
    expect(
      (await robot.request('DELETE', `/api/v1/api-keys/${spare.apiKey.id}`, undefined, bearer(robotKey.key)))
        .status,
    ).toBe(200);

    const byKey = await founder.client.query('audit.list', { actorKeyId: robotKey.apiKey.id });
    expect(byKey.status).toBe(200);
    expect(byKey.data.entries.map((e: any) => e.action)).toEqual(['apiKeys.revoke', 'roles.assign']);
    for (const e of byKey.data.entries) {
      expect(e.actorKind).toBe('api_key');
      expect(e.actorId).toBe(admin.userId);
      expect(e.actorKey).toEqual({ id: robotKey.apiKey.id, name: 'robot', prefix: robotKey.apiKey.prefix });
    }
    // What a person did through their session names no key.
    const bySession = await founder.client.query('audit.list', {
      action: 'apiKeys.create',
      actorId: admin.userId,
    });
    expect(bySession.data.entries[0].actorKey).toBeNull();
    expect((await founder.client.query('audit.verify', {})).data.ok).toBe(true);
  });
});
