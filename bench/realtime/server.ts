/**
 * The benchmark's server process: the real gateway (realtimePlugin) on bare Fastify servers, one per
 * fan-out mode and tick, all on one in-process bus, driven over IPC by index.ts. Sockets here are
 * anonymous viewers of a public show, so no database is involved.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createCacheHub } from '../../src/platform/cache';
import { systemClock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import { createMemoryRateLimiter } from '../../src/platform/http/memory-rate-limiter';
import { createLogger } from '../../src/platform/observability/logger';
import { createMetrics } from '../../src/platform/observability/metrics';
import type { Platform } from '../../src/platform/platform';
import { createMemoryBus } from '../../src/platform/realtime/memory-bus';
import { realtimePlugin } from '../../src/platform/realtime/plugin';
import { publishRealtime } from '../../src/platform/realtime/publish';

const now = () => performance.timeOrigin + performance.now();

// Publisher stage off (tick 0): the gateway's own tick is what each scenario measures.
// Every benchmark client connects from this one address: lift the per-address open limit.
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  REALTIME_TICK_MS: '0',
  REALTIME_OPENS_PER_MINUTE: '1000000',
});
const bus = createMemoryBus();
const platform = {
  config,
  log: createLogger('silent'),
  clock: systemClock,
  bus,
  cache: await createCacheHub(bus, systemClock),
  metrics: createMetrics(),
  limiter: createMemoryRateLimiter(systemClock),
  defaultChannelId: 'bench',
} as unknown as Platform;

const servers: FastifyInstance[] = [];
const ports: Record<string, number> = {};
for (const fanout of ['shared', 'per-socket'] as const) {
  for (const tickMs of [100, 0]) {
    const app = Fastify();
    await realtimePlugin(platform, {
      fanout,
      tickMs,
      maxConnections: 19_000,
      // Measure the fan-out, not the slow-client policy: nothing is dropped or cut here.
      softLimitBytes: 512 * 1024 * 1024,
      hardLimitBytes: 1024 * 1024 * 1024,
    })(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    ports[`${fanout}:${tickMs}`] = (app.server.address() as { port: number }).port;
    servers.push(app);
  }
}

type Command = { cmd: 'steady' | 'burst'; topic: string; ms: number } | { cmd: 'exit' };

process.on('message', async (m: Command) => {
  if (m.cmd === 'exit') {
    await Promise.all(servers.map((s) => s.close()));
    process.exit(0);
  }
  const end = now() + m.ms;
  let seq = 0;
  const cpuBefore = process.cpuUsage();
  if (m.cmd === 'steady') {
    // A live show: the price changes every 100 ms, chat arrives at 100 messages/s.
    let tick = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (now() >= end) {
          clearInterval(timer);
          resolve();
          return;
        }
        const t = now();
        if (tick++ % 10 === 0) publishRealtime(platform, m.topic, { state: { price: 1000 + tick, t } });
        publishRealtime(platform, m.topic, { messages: [{ n: seq++, t, text: 'so pretty, want it!' }] });
      }, 10);
    });
  } else {
    // As fast as the gateway can take it: 4 chat messages every millisecond.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const t = now();
        if (t >= end) {
          clearInterval(timer);
          resolve();
          return;
        }
        for (let i = 0; i < 4; i++)
          publishRealtime(platform, m.topic, { messages: [{ n: seq++, t, text: 'so pretty, want it!' }] });
      }, 1);
    });
  }
  const cpu = process.cpuUsage(cpuBefore);
  process.send!({ done: true, published: seq, cpuMs: (cpu.user + cpu.system) / 1000 });
});

process.send!({ ports });
