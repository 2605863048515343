import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { signUpAs } from '../../../test/helpers/users';
import { WsTestClient } from '../../../test/helpers/ws-client';
import { appRouter } from '../../router';
import { buildServer } from '../http/server';
import { newId } from '../ids';
import { realtimePlugin } from './plugin';
import { publishRealtime } from './publish';

const TICK = 50;

describe('realtime gateway', () => {
  let app: TestApp;
  const sockets: WsTestClient[] = [];
  const connect = async (opts: Parameters<typeof WsTestClient.connect>[1] = {}, url = app.url) => {
    const c = await WsTestClient.connect(url, opts);
    sockets.push(c);
    return c;
  };
  const show = () => `show.${newId()}`;
  const publish = (topic: string, message: Parameters<typeof publishRealtime>[2], channelId?: string) =>
    publishRealtime(app.platform, topic, message, channelId);

  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api', REALTIME_TICK_MS: String(TICK) } });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app?.close();
  });

  it('a viewer who subscribes to a show gets a snapshot, then what is published on it', async () => {
    const topic = show();
    const viewer = await connect();
    expect(await viewer.subscribe(topic)).toMatchObject({
      type: 'snapshot',
      topic,
      version: 0,
      data: { state: {}, messages: [] },
    });
    publish(topic, { state: { price: 1999 }, messages: [{ user: 'ada', text: 'hello' }] });
    expect(await viewer.next((f) => f.type === 'batch')).toEqual({
      type: 'batch',
      topic,
      version: 1,
      state: { price: 1999 },
      messages: [{ user: 'ada', text: 'hello' }],
    });
  });

  it('100 stock updates within one tick arrive as one message carrying the last value', async () => {
    const topic = show();
    const viewer = await connect();
    await viewer.subscribe(topic);
    for (let stock = 100; stock > 0; stock--) publish(topic, { state: { stock: stock - 1 } });
    const batch = await viewer.next((f) => f.type === 'batch');
    expect(batch).toMatchObject({ version: 1, state: { stock: 0 }, messages: [] });
    await new Promise((r) => setTimeout(r, 4 * TICK));
    expect(viewer.frames.filter((f) => f.type === 'batch')).toHaveLength(0);
  });

  it('chat spread over a tick is batched: at most one frame per tick, nothing lost, order kept', async () => {
    const topic = show();
    const viewer = await connect();
    await viewer.subscribe(topic);
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      publish(topic, { messages: [i] });
      await new Promise((r) => setTimeout(r, 5));
    }
    const elapsed = Date.now() - started;
    const got: number[] = [];
    let frames = 0;
    while (got.length < 30) {
      const f = await viewer.next((x) => x.type === 'batch');
      frames++;
      got.push(...f.messages);
    }
    expect(got).toEqual([...Array(30).keys()]);
    // Leading frame + one per elapsed tick (+1 for the trailing flush), far fewer than 30 messages.
    expect(frames).toBeLessThanOrEqual(Math.ceil(elapsed / TICK) + 2);
    expect(frames).toBeLessThan(30);
  });

  it('a show published in another channel is never heard here', async () => {
    const topic = show();
    const viewer = await connect();
    await viewer.subscribe(topic);
    publish(topic, { messages: ['other channel'] }, newId());
    publish(topic, { messages: ['this channel'] });
    expect((await viewer.next((f) => f.type === 'batch')).messages).toEqual(['this channel']);
    await new Promise((r) => setTimeout(r, 3 * TICK));
    expect(viewer.frames).toHaveLength(0);
  });

  it('a reconnecting client with its last version gets exactly the messages it missed', async () => {
    const topic = show();
    const first = await connect();
    await first.subscribe(topic);
    publish(topic, { messages: ['m1'], state: { price: 10 } });
    const seen = await first.next((f) => f.type === 'batch');
    first.close();
    await first.waitClosed();
    const observer = await connect();
    await observer.subscribe(topic);
    for (const m of ['m2', 'm3']) {
      publish(topic, { messages: [m], state: { price: m === 'm2' ? 20 : 30 } });
      await observer.next((f) => f.type === 'batch');
    }
    const again = await connect();
    expect(await again.subscribe(topic, { lastVersion: seen.version })).toEqual({
      type: 'batch',
      topic,
      version: seen.version + 2,
      state: { price: 30 },
      messages: ['m2', 'm3'],
    });
    // Up to date already: an empty batch at the current version, nothing replayed.
    const current = await connect();
    expect(await current.subscribe(topic, { lastVersion: seen.version + 2 })).toMatchObject({
      type: 'batch',
      version: seen.version + 2,
      messages: [],
    });
  });

  it('anonymous viewers may watch shows but are refused the ops feed; staff signed in by cookie get it', async () => {
    const channelId = app.platform.defaultChannelId;
    const ops = `channel.${channelId}.ops`;
    const anon = await connect();
    expect(await anon.subscribe(ops)).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED', topic: ops });
    expect(await anon.subscribe('nonsense.topic')).toMatchObject({ type: 'error', code: 'UNKNOWN_TOPIC' });

    const customer = await signUpAs(app);
    const asCustomer = await connect({ cookie: `lsn_session=${customer.client.cookies.get('lsn_session')}` });
    expect(await asCustomer.subscribe(ops)).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect(await asCustomer.subscribe(`user.${customer.userId}`)).toMatchObject({ type: 'snapshot' });
    expect(await asCustomer.subscribe(`user.${newId()}`)).toMatchObject({ type: 'error', code: 'FORBIDDEN' });

    const staff = await signUpAs(app, ['ops']);
    const cookie = `lsn_session=${staff.client.cookies.get('lsn_session')}`;
    const asStaff = await connect({ cookie });
    expect(await asStaff.subscribe(ops)).toMatchObject({ type: 'snapshot', topic: ops });
    publishRealtime(app.platform, ops, { messages: [{ job: 'payouts', state: 'failed' }] });
    expect((await asStaff.next((f) => f.type === 'batch')).messages).toEqual([
      { job: 'payouts', state: 'failed' },
    ]);

    // A page on another origin cannot ride the staff cookie into the feed.
    const forged = await connect({ cookie, origin: 'https://evil.example' });
    expect(await forged.subscribe(ops)).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
  });

  it('an API key authenticates a socket by ?token= or by a first auth message; a bad key is refused', async () => {
    const ops = `channel.${app.platform.defaultChannelId}.ops`;
    const staff = await signUpAs(app, ['ops']);
    const created = await staff.client.mutate('apiKeys.create', { name: 'ws', scopes: ['console.access'] });
    expect(created.status).toBe(200);
    const key: string = created.data.key;

    const byQuery = await connect({ token: key });
    expect(await byQuery.subscribe(ops)).toMatchObject({ type: 'snapshot' });

    const byMessage = await connect();
    expect(await byMessage.subscribe(ops)).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    byMessage.send({ type: 'auth', token: key });
    expect(await byMessage.next((f) => f.type === 'authenticated')).toMatchObject({
      actor: { kind: 'api_key', userId: staff.userId },
    });
    expect(await byMessage.subscribe(ops)).toMatchObject({ type: 'snapshot' });
    byMessage.send({ type: 'auth', token: 'lsn_nope_nope' });
    expect(await byMessage.next((f) => f.type === 'error')).toMatchObject({ code: 'UNAUTHENTICATED' });

    await expect(connect({ token: 'lsn_bad_key' })).rejects.toThrow('HTTP 401');
  });

  it('answers ping with pong and rejects malformed messages without closing', async () => {
    const c = await connect();
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong' });
    c.ws.send('not json');
    expect(await c.next()).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    c.send({ type: 'subscribe' });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong' });
  });

  it('counts open sockets in the ws_connections metric', async () => {
    const gauge = async () => (await app.platform.metrics.wsConnections.get()).values[0]?.value ?? 0;
    const before = await gauge();
    const c = await connect();
    expect(await gauge()).toBe(before + 1);
    c.close();
    await c.waitClosed();
    await new Promise((r) => setTimeout(r, 50));
    expect(await gauge()).toBe(before);
  });

  describe('with a small ring, a fast heartbeat and tight buffers', () => {
    let server: FastifyInstance;
    let url: string;
    beforeAll(async () => {
      server = await buildServer(app.platform, {
        router: appRouter,
        plugins: [
          realtimePlugin(app.platform, {
            ringSize: 2,
            heartbeatMs: 100,
            softLimitBytes: 64 * 1024,
            hardLimitBytes: 512 * 1024,
          }),
        ],
      });
      url = (await server.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    });
    afterAll(async () => {
      await server?.close();
    });

    it('a client whose version fell out of the ring gets a snapshot with state and recent chat', async () => {
      const topic = show();
      const observer = await connect({}, url);
      await observer.subscribe(topic);
      for (let i = 1; i <= 5; i++) {
        publish(topic, { messages: [`m${i}`], state: { stock: 10 - i } });
        await observer.next((f) => f.type === 'batch');
      }
      const late = await connect({}, url);
      expect(await late.subscribe(topic, { lastVersion: 1 })).toMatchObject({
        type: 'snapshot',
        version: 5,
        epoch: expect.any(String),
        data: { state: { stock: 5 }, messages: ['m1', 'm2', 'm3', 'm4', 'm5'] },
      });
      const recent = await connect({}, url);
      expect(await recent.subscribe(topic, { lastVersion: 3 })).toMatchObject({
        type: 'batch',
        version: 5,
        messages: ['m4', 'm5'],
      });
    });

    it('the server pings every socket; one that never answers is terminated, a live one stays', async () => {
      const dead = await connect({ autoPong: false }, url);
      const live = await connect({}, url);
      const closed = await dead.waitClosed(2000);
      expect(closed.code).toBe(1006); // terminated, no close handshake
      expect(live.closed).toBeNull();
      live.send({ type: 'ping' });
      expect(await live.next()).toEqual({ type: 'pong' });
    });

    it('a client that stops reading is disconnected; the others keep receiving everything', async () => {
      const topic = show();
      const slow = await connect({}, url);
      const fast = await connect({}, url);
      await slow.subscribe(topic);
      await fast.subscribe(topic);
      const open = server.realtime.connections;
      // The slow reader's socket stops reading: the server's unsent bytes pile up behind it.
      (slow.ws as any)._socket.pause();
      const big = 'x'.repeat(256 * 1024);
      let sent = 0;
      while (server.realtime.connections === open && sent < 200) {
        publish(topic, { messages: [{ n: sent++, big }] });
        const f = await fast.next((x) => x.type === 'batch', 5000);
        expect(f.messages.at(-1).n).toBe(sent - 1);
      }
      (slow.ws as any)._socket.resume();
      expect((await slow.waitClosed(5000)).code).toBe(1006);
      expect(fast.closed).toBeNull();
      expect(sent).toBeLessThan(200);
    });
  });

  describe('with a small soft limit and a far hard limit', () => {
    let server: FastifyInstance;
    let url: string;
    beforeAll(async () => {
      server = await buildServer(app.platform, {
        router: appRouter,
        plugins: [
          realtimePlugin(app.platform, { softLimitBytes: 64 * 1024, hardLimitBytes: 1024 * 1024 * 1024 }),
        ],
      });
      url = (await server.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    });
    afterAll(async () => {
      await server?.close();
    });

    it('a slow client first loses non-critical messages while critical ones still reach it', async () => {
      const topic = show();
      const slow = await connect({}, url);
      const fast = await connect({}, url);
      await slow.subscribe(topic);
      await fast.subscribe(topic);
      (slow.ws as any)._socket.pause();
      // 32 MiB of viewer counts: far more than the kernel buffers between the two ends can absorb,
      // so the server's unsent bytes for the slow reader pass the soft limit.
      const big = 'x'.repeat(1024 * 1024);
      const count = 32;
      for (let n = 0; n < count; n++) {
        publish(topic, { messages: [{ n, big }], critical: false });
        expect((await fast.next((x) => x.type === 'batch', 5000)).messages[0].n).toBe(n);
      }
      publish(topic, { messages: [{ n: 'price drop' }] });
      expect((await fast.next((x) => x.type === 'batch', 5000)).messages).toEqual([{ n: 'price drop' }]);

      (slow.ws as any)._socket.resume();
      const got: unknown[] = [];
      for (;;) {
        const f = await slow.next((x) => x.type === 'batch', 10_000);
        const n = f.messages[0].n;
        got.push(n);
        if (n === 'price drop') break;
      }
      expect(slow.closed).toBeNull();
      expect(got.length - 1).toBeGreaterThan(0); // it did get viewer counts before falling behind
      expect(got.length - 1).toBeLessThan(count); // then lost some
      expect(got).toEqual([...got.slice(0, -1).sort((a, b) => (a as number) - (b as number)), 'price drop']);
    });
  });
});

describe('realtime gateway, opening sockets', () => {
  let app: TestApp;
  const sockets: WsTestClient[] = [];
  beforeAll(async () => {
    app = await startTestApp({
      db: 'pglite',
      env: { ROLES: 'api', REALTIME_OPENS_PER_MINUTE: '3', TRUST_PROXY: 'true' },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app?.close();
  });

  it('one address opening sockets in a loop is refused with 429 and Retry-After; other addresses are not', async () => {
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i++) sockets.push(await WsTestClient.connect(app.url, from('198.51.100.7')));
    await expect(WsTestClient.connect(app.url, from('198.51.100.7'))).rejects.toThrow(
      /^HTTP 429 \(Retry-After \d+\)$/,
    );
    sockets.push(await WsTestClient.connect(app.url, from('198.51.100.8')));
    // The sockets already open are untouched.
    for (const s of sockets) expect(s.closed).toBeNull();
  });
});
