import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Bus } from './bus';
import { createMemoryBus } from './memory-bus';
import { createNatsBus } from './nats-bus';
import { createRedisBus } from './redis-bus';

/** REDIS_URL first (it also holds the rate limits), then NATS_URL, else one process in memory. */
export async function createBus(config: Pick<Config, 'REDIS_URL' | 'NATS_URL'>, log?: Logger): Promise<Bus> {
  if (config.REDIS_URL) return createRedisBus(config.REDIS_URL, { log });
  if (config.NATS_URL) return createNatsBus(config.NATS_URL, { log });
  return createMemoryBus();
}
