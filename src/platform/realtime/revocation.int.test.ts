import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { WsTestClient } from '../../../test/helpers/ws-client';
import { users } from '../auth/schema';
import { newId } from '../ids';
import { CLOSE_KEY_REVOKED } from './gateway';
import { publishRealtime } from './publish';

const TICK = 20;

/** Open sockets do not outlive the credential they were opened with. */
describe('realtime sockets after a credential changes', () => {
  let app: TestApp;
  let ops: string;
  const sockets: WsTestClient[] = [];
  const connect = async (opts: Parameters<typeof WsTestClient.connect>[1] = {}) => {
    const c = await WsTestClient.connect(app.url, opts);
    sockets.push(c);
    return c;
  };
  const cookieOf = (u: Awaited<ReturnType<typeof signUpAs>>) =>
    `lsn_session=${u.client.cookies.get('lsn_session')}`;
  /** Publishes on the topic and says whether the socket hears it within a few ticks. */
  const hears = async (socket: WsTestClient, topic: string) => {
    const marker = newId();
    publishRealtime(app.platform, topic, { messages: [marker] });
    try {
      await socket.next(
        (f) => f.type === 'batch' && f.topic === topic && f.messages.includes(marker),
        10 * TICK,
      );
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api', REALTIME_TICK_MS: String(TICK) } });
    ops = `channel.${app.platform.defaultChannelId}.ops`;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app?.close();
  });

  it('a staff member who signs out loses the ops feed at once, keeps watching the show, and is told why', async () => {
    const staff = await signUpAs(app, ['ops']);
    const colleague = await signUpAs(app, ['ops']);
    const show = `show.${newId()}`;
    const socket = await connect({ cookie: cookieOf(staff) });
    const other = await connect({ cookie: cookieOf(colleague) });
    expect(await socket.subscribe(ops)).toMatchObject({ type: 'snapshot' });
    expect(await socket.subscribe(show)).toMatchObject({ type: 'snapshot' });
    expect(await socket.subscribe(`user.${staff.userId}`)).toMatchObject({ type: 'snapshot' });
    expect(await other.subscribe(ops)).toMatchObject({ type: 'snapshot' });

    const started = Date.now();
    expect((await staff.client.mutate('auth.signOut', {})).status).toBe(200);
    expect(await socket.next((f) => f.type === 'error' && f.topic === ops, 1000)).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await socket.next((f) => f.type === 'error' && !f.topic, 1000)).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(
      await socket.next((f) => f.type === 'error' && f.topic === `user.${staff.userId}`, 1000),
    ).toMatchObject({ code: 'UNAUTHENTICATED' });

    expect(await hears(socket, ops)).toBe(false);
    expect(await hears(socket, show)).toBe(true);
    expect(socket.closed).toBeNull();
    // Asking again is refused: the socket is anonymous now.
    expect(await socket.subscribe(ops)).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    // Only the signed-out socket was touched.
    expect(await hears(other, ops)).toBe(true);
    expect(other.frames.filter((f) => f.type === 'error')).toEqual([]);
  });

  it('a session revoked from another device ("sign out everywhere") is cut off the same way', async () => {
    const staff = await signUpAs(app, ['ops']);
    const laptop = await connect({ cookie: cookieOf(staff) });
    expect(await laptop.subscribe(ops)).toMatchObject({ type: 'snapshot' });
    const phone = app.client();
    expect((await phone.mutate('auth.signIn', { email: staff.email, password: staff.password })).status).toBe(
      200,
    );
    expect((await phone.mutate('auth.signOutEverywhere', {})).status).toBe(200);
    expect(await laptop.next((f) => f.type === 'error' && f.topic === ops, 1000)).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await hears(laptop, ops)).toBe(false);
  });

  it('a user whose role a founder removes loses the topic that needed it but keeps the rest', async () => {
    const founder = await signUpAs(app, ['founder']);
    const staff = await signUpAs(app, ['ops']);
    const show = `show.${newId()}`;
    const mine = `user.${staff.userId}`;
    const socket = await connect({ cookie: cookieOf(staff) });
    for (const t of [ops, show, mine]) expect(await socket.subscribe(t)).toMatchObject({ type: 'snapshot' });

    const removed = await founder.client.mutate('users.removeRole', { userId: staff.userId, role: 'ops' });
    expect(removed.status).toBe(200);
    expect(await socket.next((f) => f.type === 'error', 1000)).toMatchObject({
      code: 'FORBIDDEN',
      topic: ops,
    });
    expect(await hears(socket, ops)).toBe(false);
    expect(await hears(socket, show)).toBe(true);
    expect(await hears(socket, mine)).toBe(true);
    expect(socket.frames.filter((f) => f.type === 'error')).toEqual([]);
    expect(await socket.subscribe(ops)).toMatchObject({ type: 'error', code: 'FORBIDDEN' });

    // Given back, the role works again on the same socket.
    await founder.client.mutate('users.assignRole', { userId: staff.userId, role: 'ops' });
    await new Promise((r) => setTimeout(r, 5 * TICK));
    expect(await socket.subscribe(ops)).toMatchObject({ type: 'snapshot' });
  });

  it('an account whose password must be replaced hears only public topics until it is replaced', async () => {
    const founder = await signUpAs(app, ['founder']);
    await app.platform.db
      .update(users)
      .set({ mustChangePassword: new Date() })
      .where(eq(users.id, founder.userId));
    const browser = app.client();
    const signIn = await browser.mutate('auth.signIn', { email: founder.email, password: founder.password });
    expect(signIn.status).toBe(200);
    const socket = await connect({ cookie: `lsn_session=${browser.cookies.get('lsn_session')}` });
    expect(await socket.subscribe(ops)).toMatchObject({ type: 'error', code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(await socket.subscribe(`user.${founder.userId}`)).toMatchObject({
      type: 'error',
      code: 'PASSWORD_CHANGE_REQUIRED',
    });
    expect(await socket.subscribe(`show.${newId()}`)).toMatchObject({ type: 'snapshot' });

    // Replacing the password re-checks the socket: the ops feed opens on the same connection.
    const changed = await browser.mutate('auth.changePassword', {
      currentPassword: founder.password,
      newPassword: 'a-brand-new-founder-passphrase',
    });
    expect(changed.status).toBe(200);
    await new Promise((r) => setTimeout(r, 5 * TICK));
    expect(await socket.subscribe(ops)).toMatchObject({ type: 'snapshot' });
    expect(await hears(socket, ops)).toBe(true);
  });

  it('a socket opened with an API key is told and closed when the key is revoked', async () => {
    const staff = await signUpAs(app, ['ops']);
    const created = await staff.client.mutate('apiKeys.create', { name: 'feed', scopes: ['console.access'] });
    expect(created.status).toBe(200);
    const { key, apiKey } = created.data;
    const byQuery = await connect({ token: key });
    const byMessage = await connect();
    byMessage.send({ type: 'auth', token: key });
    await byMessage.next((f) => f.type === 'authenticated');
    for (const s of [byQuery, byMessage]) expect(await s.subscribe(ops)).toMatchObject({ type: 'snapshot' });

    expect((await staff.client.mutate('apiKeys.revoke', { id: apiKey.id })).status).toBe(200);
    for (const s of [byQuery, byMessage]) {
      expect(await s.next((f) => f.type === 'error', 1000)).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await s.waitClosed(1000)).toEqual({ code: CLOSE_KEY_REVOKED, reason: 'API key revoked' });
    }
    // And the key no longer opens a socket.
    await expect(connect({ token: key })).rejects.toThrow('HTTP 401');
  });
});
