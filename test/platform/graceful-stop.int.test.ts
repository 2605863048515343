import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { WsTestClient } from '../helpers/ws-client';

/**
 * `npm start`, for real: the npm process is sent the signal (as a process manager or a terminal would), and
 * the whole tree must stop gracefully and exit 0 within 10 s.
 */

const root = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Started {
  npm: ChildProcess;
  url: string;
  dataDir: string;
  /** The node process serving (the data folder lock names it). */
  nodePid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  output: () => string;
}

const started: Started[] = [];
afterEach(() => {
  for (const s of started.splice(0)) {
    if (s.npm.exitCode === null) s.npm.kill('SIGKILL');
    try {
      process.kill(s.nodePid, 'SIGKILL');
    } catch {
      // gone
    }
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

async function npmStart(opts: { detached?: boolean } = {}): Promise<Started> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsn-stop-'));
  const port = await freePort();
  let out = '';
  const npm = spawn('npm', ['start'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      ROLES: 'api,worker',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      REDIS_URL: '',
      NATS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached,
  });
  npm.stdout!.on('data', (d) => {
    out += d;
  });
  npm.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    npm.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  const s: Started = { npm, url, dataDir, nodePid: 0, exited, output: () => out };
  started.push(s);
  await waitFor(
    `npm start to answer /healthz (output so far: ${out.slice(-500)})`,
    async () => {
      if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}: ${out}`);
      const res = await fetch(`${url}/healthz`).catch(() => undefined);
      return res?.status === 200;
    },
    90_000,
  );
  s.nodePid = Number(fs.readFileSync(path.join(dataDir, 'lsn.lock'), 'utf8'));
  return s;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A request whose body is still on its way: in flight until `finish()` sends the rest. */
async function slowSignUp(url: string) {
  const first = await fetch(`${url}/trpc/system.ping`);
  const csrf = /lsn_csrf=([^;]+)/.exec(first.headers.getSetCookie().join(';'))![1]!;
  const body = JSON.stringify({
    email: `slow-${Date.now()}@example.test`,
    password: 'correct-horse-battery-staple',
    displayName: 'Slow',
  });
  const { port } = new URL(url);
  let request: http.ClientRequest | undefined;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/trpc/auth.signUp',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          cookie: `lsn_csrf=${csrf}`,
          'x-csrf-token': csrf,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    request = req;
  });
  answer.catch(() => {}); // a request cut by the stop rejects; the tests that care await it
  // Give the server time to route the request and start reading its body.
  await new Promise((r) => setTimeout(r, 300));
  return { answer, finish: () => request!.end(body.slice(10)) };
}

const refused = (url: string) =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
    () => false,
    (err) => /ECONNREFUSED/.test(String(err.cause?.code ?? err.cause ?? err)),
  );

// Each test starts the product through npm (a cold start on a shared machine takes 5-25 s).
describe('npm start stops gracefully on a signal', { timeout: 90_000 }, () => {
  it('SIGTERM to the npm process: sockets get 1001, the request in flight is answered, exit 0 within 10 s, port closed, lock gone', async () => {
    const s = await npmStart();
    expect(alive(s.nodePid)).toBe(true);
    const ws = await WsTestClient.connect(s.url);
    const slow = await slowSignUp(s.url);

    const sent = Date.now();
    s.npm.kill('SIGTERM');

    expect(await ws.waitClosed(5_000)).toMatchObject({ code: 1001 });
    // Stopped listening while the request is still in flight…
    await waitFor('the port to stop accepting connections', () => refused(s.url), 5_000);
    // …which still gets its answer.
    slow.finish();
    const answer = await slow.answer;
    expect(answer.status, answer.text).toBe(200);

    const exit = await s.exited;
    expect(exit, s.output()).toMatchObject({ code: 0, signal: null });
    expect(exit.at - sent).toBeLessThan(10_000);
    expect(alive(s.nodePid)).toBe(false);
    expect(await refused(s.url)).toBe(true);
    expect(fs.existsSync(path.join(s.dataDir, 'lsn.lock'))).toBe(false);
    expect(s.output()).toMatch(/"msg":"stopped"/);
  });

  it('Ctrl-C (SIGINT to the whole process group, which npm forwards again) is one stop, not two: exit 0', async () => {
    const s = await npmStart({ detached: true });
    process.kill(-s.npm.pid!, 'SIGINT');
    const exit = await s.exited;
    expect(exit, s.output()).toMatchObject({ code: 0 });
    expect(s.output()).toMatch(/"msg":"stopped"/);
    expect(s.output()).not.toMatch(/again: exiting now/);
    expect(alive(s.nodePid)).toBe(false);
    expect(fs.existsSync(path.join(s.dataDir, 'lsn.lock'))).toBe(false);
  });

  it('a request that never finishes holds the stop only so long; a second signal exits at once', async () => {
    const s = await npmStart();
    await slowSignUp(s.url); // never finished
    const sent = Date.now();
    s.npm.kill('SIGTERM');
    await waitFor('the port to stop accepting connections', () => refused(s.url), 5_000);
    // Still draining (the request in flight has a few seconds): a second signal ends it now.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(s.npm.exitCode).toBeNull();
    const second = Date.now();
    s.npm.kill('SIGTERM');
    const exit = await s.exited;
    expect(exit.code, s.output()).toBe(1);
    // At once, not when the drain would have cut the request (4 s after the first signal); the stop never
    // got to finish. (Generous for a loaded machine: npm and node take a moment to go.)
    expect(exit.at - second).toBeLessThan(2_500);
    expect(exit.at - sent).toBeLessThan(10_000);
    expect(s.output()).toMatch(/SIGTERM again: exiting now/);
    expect(s.output()).not.toMatch(/"msg":"stopped"/);
    expect(alive(s.nodePid)).toBe(false);
    expect(fs.existsSync(path.join(s.dataDir, 'lsn.lock'))).toBe(false);
  });

  it('with one signal, a request that never finishes is cut after the drain period, and the exit is still 0 within 10 s', async () => {
    const s = await npmStart();
    const stuck = await slowSignUp(s.url);
    const sent = Date.now();
    s.npm.kill('SIGTERM');
    const exit = await s.exited;
    expect(exit, s.output()).toMatchObject({ code: 0 });
    expect(exit.at - sent).toBeLessThan(10_000);
    await expect(stuck.answer).rejects.toThrow();
    expect(fs.existsSync(path.join(s.dataDir, 'lsn.lock'))).toBe(false);
  });
});
