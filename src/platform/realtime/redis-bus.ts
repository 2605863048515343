import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Bus, BusMessage } from './bus';

/**
 * Numbers and publishes in one atomic step: every subscriber sees a topic's versions in order and
 * without holes, whichever node published them. The payload travels as "<version> <json>", so the
 * script never parses JSON.
 */
const PUBLISH_SCRIPT = `
local v = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[1], v .. ' ' .. ARGV[2])
return v
`;

/** A topic's counter outlives any gateway's memory of it (idle rooms are evicted within minutes). */
const VERSION_TTL_MS = 7 * 24 * 3600_000;

export interface RedisBusOptions {
  /** Pub/sub channel and key prefix; tests use their own so they do not hear each other. */
  prefix?: string;
  log?: Logger;
}

type RedisWithScript = Redis & {
  rtPublish(key: string, channel: string, payload: string, ttlMs: number): Promise<number>;
};

/**
 * Redis pub/sub on one channel (`<prefix>`). Two connections: a subscriber connection can run no
 * other command. Versions are per-topic counters in Redis, so they mean the same on every node.
 */
export async function createRedisBus(url: string, opts: RedisBusOptions = {}): Promise<Bus> {
  const prefix = opts.prefix ?? 'lsn:rt';
  const channel = prefix;
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 }) as RedisWithScript;
  const sub = new Redis(url, { lazyConnect: true });
  for (const conn of [pub, sub])
    conn.on('error', (err) => opts.log?.warn({ err: err.message }, 'realtime redis connection error'));
  pub.defineCommand('rtPublish', { numberOfKeys: 1, lua: PUBLISH_SCRIPT });
  await Promise.all([pub.connect(), sub.connect()]);

  // The epoch lives in Redis too: every node agrees on it, and a flushed Redis starts a new one.
  const epochKey = `${prefix}:epoch`;
  await pub.set(epochKey, randomUUID(), 'NX');
  const epoch = (await pub.get(epochKey))!;

  const handlers = new Set<(m: BusMessage) => void>();
  let subscribed = false;
  sub.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return;
    const space = raw.indexOf(' ');
    let parsed: { t: string; d: unknown };
    try {
      parsed = JSON.parse(raw.slice(space + 1));
    } catch (err) {
      opts.log?.warn({ err }, 'realtime: unreadable bus message dropped');
      return;
    }
    const message: BusMessage = { topic: parsed.t, version: Number(raw.slice(0, space)), data: parsed.d };
    for (const h of handlers) h(message);
  });

  return {
    kind: 'redis',
    epoch,
    async publish(message) {
      const payload = JSON.stringify({ t: message.topic, d: message.data });
      await pub.rtPublish(`${prefix}:v:${message.topic}`, channel, payload, VERSION_TTL_MS);
    },
    async subscribe(handler) {
      handlers.add(handler);
      if (!subscribed) {
        subscribed = true;
        await sub.subscribe(channel);
      }
      return async () => {
        handlers.delete(handler);
      };
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
