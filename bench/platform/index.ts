/**
 * Platform benchmark: an authenticated tRPC read (auth.me with a session cookie) and /healthz, at
 * concurrency 50 for 10 s each, beside a bare Fastify hello-world measured in the same run, in turns.
 * Server and load generator run in separate processes. `npm run bench -- platform [postgres|pglite]`: on
 * PostgreSQL (the default) the server is an API node; on the embedded database it also runs the workers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
const db = process.argv[2] === 'pglite' ? 'pglite' : 'postgres';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

async function launch(script: string, args: string[] = []): Promise<{ child: ChildProcess; info: any }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret' },
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const info = await new Promise<any>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line);
        if (parsed.url) resolve(parsed);
      } catch {
        // not our line
      }
    });
  });
  return { child, info };
}

interface Figures {
  name: string;
  rps: number;
  /** The server's CPU time per request (user + system), in µs: steadier than req/s on a shared machine. */
  cpuUs: number | undefined;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function run(url: string, duration: number, headers: Record<string, string>, latencies?: number[]) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration, headers }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
    // autocannon reports p97.5 but not p95: keep every response time and take our own percentiles.
    if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100
    : 0;

/** A process's CPU time so far in µs, from /proc (Linux); undefined elsewhere. */
function cpuMicros(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100; // USER_HZ, 100 on every Linux build that matters

async function load(
  name: string,
  server: ChildProcess,
  url: string,
  headers: Record<string, string> = {},
): Promise<Figures> {
  await run(url, 2, headers); // warm-up: JIT, connection pools
  const latencies: number[] = [];
  const cpu0 = cpuMicros(server.pid);
  const r = await run(url, DURATION, headers, latencies);
  const cpu1 = cpuMicros(server.pid);
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: Math.round(r.requests.average),
    cpuUs:
      cpu0 === undefined || cpu1 === undefined || !r.requests.total
        ? undefined
        : Math.round(((cpu1 - cpu0) / r.requests.total) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

// Both servers stay up and the cases take turns, ROUNDS times; each figure is the median round. This
// machine's speed drifts by a quarter or more from minute to minute, so measuring the baseline once and
// the product a minute later compares two different machines.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const bare = await launch('bare.ts');
const product = await launch('product.ts', [db]);
const rounds: Figures[][] = [];
for (let i = 0; i < ROUNDS; i++) {
  rounds.push([
    await load('bare fastify hello-world (baseline)', bare.child, `${bare.info.url}/hello`),
    await load('authenticated tRPC read (auth.me)', product.child, `${product.info.url}/trpc/auth.me`, {
      cookie: product.info.cookie,
    }),
    await load('/healthz', product.child, `${product.info.url}/healthz`),
  ]);
}
bare.child.kill('SIGTERM');
product.child.kill('SIGTERM');
await new Promise((r) => product.child.once('exit', r));

/** Per case, the round with the median req/s; errors and non-2xx summed over every round. */
const median = (c: number): Figures => {
  const runs = rounds.map((r) => r[c]!).sort((a, b) => a.rps - b.rps);
  const mid = runs[Math.floor(runs.length / 2)]!;
  const sum = (k: 'errors' | 'non2xx') => runs.reduce((n, f) => n + f[k], 0);
  return { ...mid, errors: sum('errors'), non2xx: sum('non2xx') };
};
const [baseline, authed, health] = [median(0), median(1), median(2)];
console.log('\nper round (req/s): baseline / authed read / healthz, ratio');
for (const [i, r] of rounds.entries()) {
  console.log(
    `  round ${i + 1}: ${r[0]!.rps} / ${r[1]!.rps} / ${r[2]!.rps}, ${(r[1]!.rps / r[0]!.rps).toFixed(2)}`,
  );
}
console.log(
  `\nplatform benchmark on ${db}, ${CONNECTIONS} connections, ${DURATION}s each (2 s warm-up), median of ${ROUNDS} interleaved rounds\n`,
);
console.log('| case | req/s | server CPU µs/req | p50 ms | p95 ms | p99 ms | errors | non-2xx |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const f of [baseline, authed, health]) {
  console.log(
    `| ${f.name} | ${f.rps} | ${f.cpuUs ?? 'n/a'} | ${f.p50} | ${f.p95} | ${f.p99} | ${f.errors} | ${f.non2xx} |`,
  );
}
const ratio = authed.rps / baseline.rps;
console.log(
  `\ntargets: authed-read p95 < 10 ms (${authed.p95 < 10 ? 'met' : 'MISSED'}), rps >= 40% of baseline (${ratio >= 0.4 ? 'met' : 'MISSED'})`,
);
console.log(
  `platform: authed-read p95=${authed.p95}ms rps=${authed.rps} baseline_rps=${baseline.rps} ratio=${ratio.toFixed(2)}`,
);
if (authed.non2xx > 0 || authed.errors > 0) process.exitCode = 1;
