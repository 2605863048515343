import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, type TestDatabase } from '../../../test/helpers/db';
import { createPlatform } from '../../app';
import { appRouter } from '../../router';
import { loadConfig } from '../config';
import type { Platform } from '../platform';
import { buildServer } from './server';
import { webPlugin } from './web';

let database: TestDatabase;
let platform: Platform;
let dist: string;

/** A minimal web build: a template, a server renderer, one script and its source map. */
function fakeBuild(dir: string) {
  mkdirSync(path.join(dir, 'web', 'assets'), { recursive: true });
  mkdirSync(path.join(dir, 'web-ssr'), { recursive: true });
  writeFileSync(
    path.join(dir, 'web', 'index.html'),
    '<html><head><!--app-head--></head><body><!--app-html--><!--app-state--></body></html>',
  );
  writeFileSync(
    path.join(dir, 'web-ssr', 'entry-server.js'),
    'export function render() { return { html: "", head: "", status: 200 }; }\n',
  );
  writeFileSync(
    path.join(dir, 'web', 'assets', 'index-abc123.js'),
    'console.log(1)\n//# sourceMappingURL=index-abc123.js.map\n',
  );
  writeFileSync(
    path.join(dir, 'web', 'assets', 'index-abc123.js.map'),
    '{"version":3,"sources":["secret.ts"]}',
  );
}

beforeAll(async () => {
  database = await createTestPglite();
  platform = await createPlatform(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), {
    database,
    migrated: true,
  });
  dist = mkdtempSync(path.join(tmpdir(), 'lsn-web-maps-'));
  fakeBuild(dist);
});

afterAll(async () => {
  await platform?.bus.close();
  await platform?.limiter.close();
  await database?.drop();
  rmSync(dist, { recursive: true, force: true });
});

async function serverFor(nodeEnv: 'production' | 'development') {
  const config = loadConfig({
    NODE_ENV: nodeEnv,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'web-maps-test-secret-web-maps-test-secret',
  });
  const p = { ...platform, config };
  return buildServer(p, { router: appRouter, plugins: [webPlugin(p, { router: appRouter, distDir: dist })] });
}

describe("the web app's source maps", () => {
  it('are not served in production (404), however the path is spelled; the scripts are', async () => {
    const app = await serverFor('production');
    try {
      for (const url of [
        '/assets/index-abc123.js.map',
        '/assets/index-abc123.js.%6Dap',
        '/assets/index-abc123.js.MAP',
        '/assets/./index-abc123.js.map',
      ]) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).not.toContain('secret.ts');
      }
      const js = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(js.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('are served in development', async () => {
    const app = await serverFor('development');
    try {
      const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js.map' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('secret.ts');
    } finally {
      await app.close();
    }
  });
});
