import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from './bus';
import { createBus } from './create-bus';
import { createMemoryBus } from './memory-bus';
import { createNatsBus } from './nats-bus';
import { createRedisBus } from './redis-bus';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NATS = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

const open: Bus[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});
afterAll(async () => {
  const redis = new Redis(REDIS);
  for (const p of prefixes) {
    const keys = await redis.keys(`${p}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

/** Two nodes on one bus (memory has only one node: both ends are the same instance). */
const pairs: Record<string, () => Promise<[Bus, Bus]>> = {
  memory: async () => {
    const b = createMemoryBus();
    return [b, b];
  },
  redis: async () => {
    const prefix = `lsn:test:${randomUUID()}`;
    prefixes.push(prefix);
    return [await createRedisBus(REDIS, { prefix }), await createRedisBus(REDIS, { prefix })];
  },
  nats: async () => {
    const subject = `lsn.test.${randomUUID()}`;
    return [await createNatsBus(NATS, { subject }), await createNatsBus(NATS, { subject })];
  },
};

function collect(bus: Bus) {
  const got: BusMessage[] = [];
  const ready = bus.subscribe((m) => got.push(m));
  return { got, ready };
}

async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.each(Object.keys(pairs))('%s bus', (kind) => {
  it('a message published on one node reaches every node, the publisher included, in order', async () => {
    const [a, b] = await pairs[kind]!();
    open.push(a, ...(a === b ? [] : [b]));
    const onA = collect(a);
    const onB = collect(b);
    await Promise.all([onA.ready, onB.ready]);
    for (let i = 0; i < 20; i++) await a.publish({ topic: 'ch/show.1', data: { i } });
    await until(() => onA.got.length >= 20 && onB.got.length >= 20);
    expect(onB.got.map((m) => (m.data as { i: number }).i)).toEqual([...Array(20).keys()]);
    expect(onB.got[0]!.topic).toBe('ch/show.1');
  });

  it('after unsubscribing a handler hears nothing more', async () => {
    const [a, b] = await pairs[kind]!();
    open.push(a, ...(a === b ? [] : [b]));
    const got: BusMessage[] = [];
    const stop = await b.subscribe((m) => got.push(m));
    const keep = collect(b);
    await keep.ready;
    await a.publish({ topic: 'ch/show.1', data: 1 });
    await until(() => got.length === 1);
    await stop();
    await a.publish({ topic: 'ch/show.1', data: 2 });
    await until(() => keep.got.length === 2);
    expect(got).toHaveLength(1);
  });
});

describe('redis bus versions', () => {
  it('numbers each topic’s messages 1, 2, 3… across nodes, and every node sees the same numbers', async () => {
    const [a, b] = await pairs.redis!();
    open.push(a, b);
    expect(a.epoch).toBeTruthy();
    expect(a.epoch).toBe(b.epoch);
    const onA = collect(a);
    const onB = collect(b);
    await Promise.all([onA.ready, onB.ready]);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.publish({ topic: 'ch/show.x', data: `a${i}` })),
      ...Array.from({ length: 10 }, (_, i) => b.publish({ topic: 'ch/show.x', data: `b${i}` })),
      b.publish({ topic: 'ch/show.y', data: 'other topic' }),
    ]);
    await until(() => onA.got.length === 21 && onB.got.length === 21);
    const versions = (got: BusMessage[]) => got.filter((m) => m.topic === 'ch/show.x').map((m) => m.version);
    expect(versions(onA.got)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(onB.got).toEqual(onA.got);
    expect(onA.got.find((m) => m.topic === 'ch/show.y')!.version).toBe(1);
  });
});

describe('createBus', () => {
  it('uses Redis when REDIS_URL is set (even with NATS_URL), else NATS, else memory', async () => {
    const r = await createBus({ REDIS_URL: REDIS, NATS_URL: NATS });
    const n = await createBus({ NATS_URL: NATS });
    const m = await createBus({});
    open.push(r, n, m);
    expect([r.kind, n.kind, m.kind]).toEqual(['redis', 'nats', 'memory']);
  });
});
