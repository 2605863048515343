import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { users } from './schema';

const PASSWORD = 'correct-horse-battery-staple';

describe('a password that must be changed', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the server refuses everything but changing it (403 PASSWORD_CHANGE_REQUIRED), on every path, until it is changed', async () => {
    const founder = await signUpAs(app, ['founder']);
    await app.platform.db
      .update(users)
      .set({ mustChangePassword: new Date() })
      .where(eq(users.id, founder.userId));
    // A fresh sign-in: the flag is read with the identity (and cached with it).
    const c = app.client();
    expect((await c.mutate('auth.signIn', { email: founder.email, password: PASSWORD })).status).toBe(200);
    const me = await c.query('auth.me');
    expect(me.status).toBe(200);
    expect(me.data.user.mustChangePassword).toBe(true);

    const refused = [
      await c.query('users.list', {}),
      await c.query('auth.sessions'),
      await c.mutate('apiKeys.create', { name: 'k', scopes: ['users.read'] }),
      await c.query('system.ping'),
    ];
    for (const r of refused) {
      expect(r.status).toBe(403);
      expect(r.error.data.appCode).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    expect(refused[0]!.error.message).toBe('Choose a new password before you do anything else.');
    const rest = await c.request('GET', '/api/v1/users');
    expect(rest.status).toBe(403);
    expect(rest.body.data.appCode).toBe('PASSWORD_CHANGE_REQUIRED');
    const batch = await c.request('GET', '/trpc/auth.me,auth.sessions?batch=1&input=%7B%7D');
    expect(batch.body[0].result.data.user.id).toBe(founder.userId);
    expect(batch.body[1].error.data.appCode).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await c.mutate('auth.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'my-own-new-long-passphrase',
    });
    expect(changed.status).toBe(200);
    // The change drops the cached identity: the very next call is served.
    expect((await c.query('users.list', {})).status).toBe(200);
    expect((await c.query('auth.me')).data.user.mustChangePassword).toBe(false);
  });

  it('signing out stays possible', async () => {
    const person = await signUpAs(app);
    await app.platform.db
      .update(users)
      .set({ mustChangePassword: new Date() })
      .where(eq(users.id, person.userId));
    const c = app.client();
    await c.mutate('auth.signIn', { email: person.email, password: PASSWORD });
    expect((await c.mutate('auth.signOut', {})).status).toBe(200);
    expect((await c.query('auth.me')).data.user).toBeNull();
  });
});
