/**
 * Realtime fan-out benchmark (not a test): N WebSocket clients on one show topic, the gateway's
 * serialize-once fan-out beside the serialize-per-socket baseline, in the same run.
 *  - live show: price every 100 ms + 100 chat messages/s, default 100 ms tick: p50/p99 delivery
 *    latency from publishRealtime() to the client's 'message' event, and frames delivered per second;
 *  - saturation: 4,000 chat messages/s, tick 0 (flush every event-loop turn): how many socket
 *    messages per second the gateway gets out, observed at the clients and per second of server CPU.
 * The summary's msgs_per_s is sends per second of server CPU (capacity of one core): on a shared
 * machine the observed rate is capped by the load generator, which hides the difference.
 * Server and clients run in separate processes. `npx tsx bench/realtime/index.ts [clients]`
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENTS = Number(process.argv[2] ?? process.env.BENCH_CLIENTS ?? 2000);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 4000);
/** One client in SAMPLE parses frames for latency; the rest only count (the load generator must not be the bottleneck). */
const SAMPLE = 10;
const now = () => performance.timeOrigin + performance.now();

interface PhaseResult {
  frames: number;
  items: number;
  seconds: number;
  latencies: number[];
  priceLatencies: number[];
  serverCpuMs: number;
  disconnected: number;
}

const child: ChildProcess = fork(path.join(here, 'server.ts'), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const nextMessage = () => new Promise<any>((resolve) => child.once('message', resolve));
const { ports } = (await nextMessage()) as { ports: Record<string, number> };

async function connectAll(port: number, topic: string, n: number) {
  const sockets: WebSocket[] = [];
  const url = `ws://127.0.0.1:${port}/ws`;
  for (let i = 0; i < n; i += 200) {
    const batch = Array.from(
      { length: Math.min(200, n - i) },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url, { skipUTF8Validation: true, perMessageDeflate: false });
          ws.once('open', () => {
            ws.send(JSON.stringify({ type: 'subscribe', topic }));
            ws.once('message', () => resolve(ws)); // the snapshot
          });
          ws.once('error', reject);
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

async function phase(kind: 'steady' | 'burst', port: number): Promise<PhaseResult> {
  const topic = `show.${kind}-${port}`;
  const sockets = await connectAll(port, topic, CLIENTS);
  const r: PhaseResult = {
    frames: 0,
    items: 0,
    seconds: 0,
    latencies: [],
    priceLatencies: [],
    serverCpuMs: 0,
    disconnected: 0,
  };
  let first = 0;
  let last = 0;
  sockets.forEach((ws, i) => {
    const sampled = i % SAMPLE === 0;
    ws.on('message', (data: Buffer) => {
      const at = now();
      if (!first) first = at;
      last = at;
      r.frames++;
      if (!sampled) return;
      const f = JSON.parse(data.toString());
      if (f.state?.t) r.priceLatencies.push(at - f.state.t);
      for (const m of f.messages ?? []) r.latencies.push(at - m.t);
      r.items += f.messages?.length ?? 0;
    });
    ws.on('close', () => r.disconnected++);
  });
  child.send({ cmd: kind, topic, ms: PHASE_MS });
  const done = await nextMessage();
  r.serverCpuMs = done.cpuMs;
  // Let what is in flight arrive (a client still receiving after 10 s has fallen hopelessly behind).
  let settled = last;
  for (let i = 0; i < 100; i++) {
    await new Promise((res) => setTimeout(res, 100));
    if (last === settled) break;
    settled = last;
  }
  r.seconds = (last - first) / 1000;
  for (const ws of sockets) {
    ws.removeAllListeners('close');
    ws.terminate();
  }
  await new Promise((res) => setTimeout(res, 300));
  return r;
}

const pct = (values: number[], p: number) => {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (v: number) => `${v.toFixed(1)}ms`;
/** Socket messages per second of server CPU time. */
const perCore = (r: PhaseResult) => Math.round(r.frames / (r.serverCpuMs / 1000));

console.log(`realtime fan-out: ${CLIENTS} clients on one topic, ${PHASE_MS / 1000}s per phase\n`);
const results: Record<string, { steady: PhaseResult; burst: PhaseResult }> = {};
for (const mode of ['shared', 'per-socket']) {
  const steady = await phase('steady', ports[`${mode}:100`]!);
  const burst = await phase('burst', ports[`${mode}:0`]!);
  results[mode] = { steady, burst };
  const label = mode === 'shared' ? 'serialize-once' : 'serialize-per-socket (baseline)';
  console.log(`${label}`);
  console.log(
    `  live show (tick 100 ms): ${Math.round(steady.frames / steady.seconds)} msgs/s delivered, ` +
      `price p50=${ms(pct(steady.priceLatencies, 50))} p99=${ms(pct(steady.priceLatencies, 99))}, ` +
      `chat p50=${ms(pct(steady.latencies, 50))} p99=${ms(pct(steady.latencies, 99))}, ` +
      `server cpu ${Math.round(steady.serverCpuMs)}ms (${perCore(steady)} msgs per cpu-s), ` +
      `disconnected ${steady.disconnected}`,
  );
  console.log(
    `  saturation (tick 0):     ${Math.round(burst.frames / burst.seconds)} msgs/s delivered ` +
      `(${Math.round((burst.items * SAMPLE) / burst.seconds)} chat items/s), ` +
      `chat p50=${ms(pct(burst.latencies, 50))} p99=${ms(pct(burst.latencies, 99))}, ` +
      `server cpu ${Math.round(burst.serverCpuMs)}ms (${perCore(burst)} msgs per cpu-s), ` +
      `disconnected ${burst.disconnected}`,
  );
}
child.send({ cmd: 'exit' });

const shared = results.shared!;
const baseline = results['per-socket']!;
console.log(
  `realtime: fanout p99=${pct(shared.steady.priceLatencies, 99).toFixed(1)}ms ` +
    `msgs_per_s=${perCore(shared.burst)} baseline_msgs_per_s=${perCore(baseline.burst)}`,
);
process.exit(0);
