import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, TestClient } from '../../../test/helpers/app';
import { createTestPglite, type TestDatabase } from '../../../test/helpers/db';
import { signUpAs } from '../../../test/helpers/users';
import { WsTestClient } from '../../../test/helpers/ws-client';
import { createPlatform, createServer } from '../../app';
import { loadConfig } from '../config';
import { newId } from '../ids';
import type { Platform } from '../platform';
import { publishRealtime } from './publish';

interface Node {
  platform: Platform;
  server: FastifyInstance;
  url: string;
}

const buses = {
  redis: { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  nats: { NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222' },
};

/** Two api nodes on one database and one bus, as two processes behind a load balancer would be. */
describe.each(Object.keys(buses) as Array<keyof typeof buses>)('two gateway nodes on %s', (bus) => {
  let database: TestDatabase;
  const nodes: Node[] = [];
  const sockets: WsTestClient[] = [];
  const connect = async (node: Node, opts: Parameters<typeof WsTestClient.connect>[1] = {}) => {
    const c = await WsTestClient.connect(node.url, opts);
    sockets.push(c);
    return c;
  };

  beforeAll(async () => {
    database = await createTestPglite();
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        ROLES: 'api',
        SEED_DEMO: 'false',
        REALTIME_TICK_MS: '50',
        ...buses[bus],
      });
      const platform = await createPlatform(config, { database, migrated: true });
      const server = await createServer(platform);
      const url = await server.listen({ port: 0, host: '127.0.0.1' });
      nodes.push({ platform, server, url });
    }
    expect(nodes[0]!.platform.bus.kind).toBe(bus);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const n of nodes) {
      await n.server.close();
      await n.platform.bus.close();
      await n.platform.limiter.close();
    }
    await database?.drop();
  });

  it("a viewer on node A gets what node B publishes, and node B's viewers get node A's", async () => {
    const [a, b] = nodes as [Node, Node];
    const topic = `show.${newId()}`;
    const onA = await connect(a);
    const onB = await connect(b);
    await onA.subscribe(topic);
    await onB.subscribe(topic);

    publishRealtime(b.platform, topic, { state: { price: 900 }, messages: ['from B'] });
    expect(await onA.next((f) => f.type === 'batch')).toMatchObject({
      state: { price: 900 },
      messages: ['from B'],
    });
    expect(await onB.next((f) => f.type === 'batch')).toMatchObject({ messages: ['from B'] });

    for (let i = 0; i < 50; i++) publishRealtime(a.platform, topic, { state: { stock: 49 - i } });
    const coalesced = await onB.next((f) => f.type === 'batch');
    expect(coalesced.state).toEqual({ stock: 0 });
    expect(await onA.next((f) => f.type === 'batch')).toMatchObject({ state: { stock: 0 } });
  });

  it('a client moving to the other node resumes from its version (Redis) or resyncs with a snapshot (NATS)', async () => {
    const [a, b] = nodes as [Node, Node];
    const topic = `show.${newId()}`;
    const watcherB = await connect(b);
    await watcherB.subscribe(topic);
    const onA = await connect(a);
    const snap = await onA.subscribe(topic);
    publishRealtime(a.platform, topic, { messages: ['m1'] });
    const seen = await onA.next((f) => f.type === 'batch');
    await watcherB.next((f) => f.type === 'batch');
    onA.close();
    publishRealtime(a.platform, topic, { messages: ['m2'], state: { price: 5 } });
    await watcherB.next((f) => f.type === 'batch');

    const moved = await connect(b);
    const resumed = await moved.subscribe(topic, { lastVersion: seen.version, epoch: snap.epoch });
    if (bus === 'redis') {
      // Redis numbers every topic's messages for all nodes: node B knows exactly what was missed.
      expect(resumed).toMatchObject({ type: 'batch', version: seen.version + 1, messages: ['m2'] });
    } else {
      // Core NATS numbers nothing: each node has its own sequence, so the client starts afresh.
      expect(resumed).toMatchObject({
        type: 'snapshot',
        data: { state: { price: 5 }, messages: ['m1', 'm2'] },
      });
    }
  });

  it('signing out through node A cuts the ops feed off a socket held by node B', async () => {
    const [a, b] = nodes as [Node, Node];
    // signUpAs reads only these from a test app: sign up through node A, grant the role in the table.
    const viaA = { client: () => new TestClient(a.url), platform: a.platform } as unknown as TestApp;
    const staff = await signUpAs(viaA, ['ops']);
    const ops = `channel.${a.platform.defaultChannelId}.ops`;
    const onB = await connect(b, { cookie: `lsn_session=${staff.client.cookies.get('lsn_session')}` });
    expect(await onB.subscribe(ops)).toMatchObject({ type: 'snapshot' });

    expect((await staff.client.mutate('auth.signOut', {})).status).toBe(200);
    expect(await onB.next((f) => f.type === 'error' && f.topic === ops, 1000)).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
