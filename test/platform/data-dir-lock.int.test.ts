import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The embedded database's folder lock, with real processes: the product itself for a start refused while
 * another runs and for two starts racing after a crash, and small processes calling the same lock code for
 * many rounds of a race on a stale lock.
 */

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lsn-lock-'));
  dirs.push(d);
  return d;
};
const lockOf = (dir: string) => path.join(dir, 'lsn.lock');

interface Product {
  child: ChildProcess;
  /** Resolves 'running' once it serves, or with its exit code if it stops first. */
  outcome: Promise<'running' | number>;
  output: () => string;
}

/** `node --import tsx src/main.ts start` as a worker node (no HTTP port needed) on `dataDir`. */
function startProduct(dataDir: string): Product {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ROLES: 'worker',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const outcome = new Promise<'running' | number>((resolve) => {
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes('Live Shopping Network is running')) resolve('running');
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => resolve(code ?? -1));
  });
  return { child, outcome, output: () => out };
}

const exitOf = (c: ChildProcess) =>
  c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => c.once('exit', () => r()));

describe('the data folder is held by one process at a time', () => {
  it('a second start is refused naming the holder; after a crash, of two starts together exactly one runs', {
    timeout: 120_000,
  }, async () => {
    const dir = tempDir();
    const first = startProduct(dir);
    expect(await first.outcome, first.output()).toBe('running');
    expect(fs.readFileSync(lockOf(dir), 'utf8')).toBe(String(first.child.pid));

    const second = startProduct(dir);
    expect(await second.outcome).toBe(1);
    expect(second.output()).toContain(`in use by another running process (pid ${first.child.pid})`);

    // A crash leaves the lock behind, naming a process that is gone.
    first.child.kill('SIGKILL');
    await exitOf(first.child);
    expect(fs.readFileSync(lockOf(dir), 'utf8')).toBe(String(first.child.pid));

    const [a, b] = [startProduct(dir), startProduct(dir)];
    const outcomes = await Promise.all([a.outcome, b.outcome]);
    expect([...outcomes].sort(), a.output() + b.output()).toEqual([1, 'running']);
    const [running, refused] = outcomes[0] === 'running' ? [a, b] : [b, a];
    expect(refused.output()).toContain(`(pid ${running.child.pid})`);
    expect(fs.readFileSync(lockOf(dir), 'utf8')).toBe(String(running.child.pid));

    running.child.kill('SIGTERM');
    await exitOf(running.child);
    expect(running.child.exitCode).toBe(0);
    expect(fs.existsSync(lockOf(dir))).toBe(false);
  });

  it('20 rounds: two processes racing for a stale lock at the same instant, exactly one wins each round', {
    timeout: 180_000,
  }, async () => {
    const dir = tempDir();
    // The first stale lock: a process that took it and was killed.
    let stale = await (await racers(dir, 1)).go();
    // Each round's racers start while the previous round runs; they wait for their signal to go.
    let next = racers(dir, 2);
    for (let round = 1; round <= 20; round++) {
      stale.holder!.kill('SIGKILL');
      await exitOf(stale.holder!);
      expect(fs.readFileSync(lockOf(dir), 'utf8')).toBe(String(stale.holder!.pid));
      const ready = await next;
      if (round < 20) next = racers(dir, 2);
      const r = await ready.go();
      const winners = r.results.filter((x) => x.won);
      expect(
        winners.map((w) => w.pid),
        `round ${round}: ${JSON.stringify(r.results)}`,
      ).toHaveLength(1);
      const loser = r.results.find((x) => !x.won)!;
      expect(loser.message, `round ${round}`).toContain(`(pid ${winners[0]!.pid})`);
      expect(fs.readFileSync(lockOf(dir), 'utf8')).toBe(String(winners[0]!.pid));
      stale = r;
    }
    stale.holder!.kill('SIGKILL');
    // Nothing left behind but the lock itself: no takeover markers, no half-made lock files.
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('lsn.lock.'))).toEqual([]);
  });
});

interface RaceResult {
  won: boolean;
  pid: number;
  message?: string;
}

/** Starts `n` lock racers on `dir`; once all are ready, `go()` lets them try at one instant. */
async function racers(dir: string, n: number) {
  const started = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/lock-racer.ts', dir], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = readline.createInterface({ input: child.stdout! });
    const ready = new Promise<void>((resolve) => lines.once('line', () => resolve()));
    const result = new Promise<RaceResult>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`racer exited with ${code} before answering`)));
    });
    result.catch(() => {});
    return { child, ready, result };
  });
  await Promise.all(started.map((r) => r.ready));
  return {
    async go(): Promise<{ results: RaceResult[]; holder?: ChildProcess }> {
      const at = String(Date.now() + 100);
      for (const r of started) r.child.stdin!.write(`${at}\n`);
      const results = await Promise.all(started.map((r) => r.result));
      return { results, holder: started.find((_, i) => results[i]!.won)?.child };
    },
  };
}
