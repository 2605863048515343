import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Running } from '../../src/app';
import { start } from '../../src/app';
import type { Clock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import type { JobsOptions } from '../../src/platform/jobs';
import type { ModuleManifest } from '../../src/platform/kit';
import { createTestPglite, createTestPostgres, type TestDatabase } from './db';

export interface TestApp extends Running {
  url: string;
  database: TestDatabase;
  /** A browser-like client: keeps cookies and echoes the CSRF token. */
  /** `headers` go with every request (e.g. `host` to reach another channel). */
  client(headers?: Record<string, string>): TestClient;
  close(): Promise<void>;
}

/** Starts the whole product on a throwaway database and a free port. */
export async function startTestApp(
  opts: {
    db?: 'pglite' | 'postgres';
    env?: Record<string, string>;
    clock?: Clock;
    jobs?: JobsOptions;
    /** Throwaway modules served beside the product's (their queues, consumers, routers...). */
    modules?: readonly ModuleManifest[];
    log?: Logger;
  } = {},
): Promise<TestApp> {
  const database = opts.db === 'postgres' ? await createTestPostgres() : await createTestPglite();
  // A data folder of its own (media files land there), removed on close: never the repository's .data.
  const dataDir = opts.env?.DATA_DIR ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'lsn-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ROLES: 'api,worker',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    SIGN_UPS_PER_HOUR: '100000',
    PASSWORD_RESETS_PER_HOUR: '100000',
    SIGN_INS_PER_MINUTE: '100000',
    ...(opts.db === 'postgres' ? { DATABASE_URL: database.url } : {}),
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...opts.env,
  });
  const running = await start(config, {
    database,
    migrated: true,
    clock: opts.clock,
    jobs: opts.jobs,
    modules: opts.modules,
    log: opts.log,
  });
  const url = running.url!.replace('0.0.0.0', '127.0.0.1');
  return {
    ...running,
    url,
    database,
    client: (headers) => new TestClient(url, headers),
    async close() {
      await running.stop();
      await database.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<CallResult<T>> {
    if (method !== 'GET' && !this.cookies.has('lsn_csrf')) await this.request('GET', '/trpc/system.ping');
    const h: Record<string, string> = { ...this.defaultHeaders, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('lsn_csrf');
    if (csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await send(this.baseUrl + path, method, h, payload);
    for (const c of res.setCookies) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = res.text;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (a page)
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  /** Calls a tRPC mutation; returns the unwrapped data or the error. */
  async mutate<T = any>(path: string, input?: unknown, headers?: Record<string, string>) {
    const r = await this.request<any>('POST', `/trpc/${path}`, input ?? {}, headers);
    return { ...r, data: r.body?.result?.data as T, error: r.body?.error };
  }

  async query<T = any>(path: string, input?: unknown, headers?: Record<string, string>) {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const r = await this.request<any>('GET', `/trpc/${path}${q}`, undefined, headers);
    return { ...r, data: r.body?.result?.data as T, error: r.body?.error };
  }
}

/**
 * node:http rather than fetch: fetch drops the Host header, and tests reach other channels by host.
 * A connection per request: the server may close one after refusing a body, and a reused socket would hang up.
 */
function send(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Headers; setCookies: string[]; text: string }>(
    (resolve, reject) => {
      const req = http.request(url, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (v === undefined) continue;
            for (const one of Array.isArray(v) ? v : [v]) h.append(k, one);
          }
          const setCookie = res.headers['set-cookie'];
          resolve({
            status: res.statusCode ?? 0,
            headers: h,
            setCookies: Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [],
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}
