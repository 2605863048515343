import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestPglite, type TestDatabase } from '../../../test/helpers/db';
import { createPlatform } from '../../app';
import { appRouter } from '../../router';
import { loadConfig } from '../config';
import type { Platform } from '../platform';
import { buildServer } from './server';
import { webPlugin } from './web';

let database: TestDatabase;
let platform: Platform;
let emptyDist: string;

beforeAll(async () => {
  database = await createTestPglite();
  platform = await createPlatform(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), {
    database,
    migrated: true,
  });
  emptyDist = mkdtempSync(path.join(tmpdir(), 'lsn-no-web-'));
});

afterAll(async () => {
  await platform?.bus.close();
  await platform?.limiter.close();
  await database?.drop();
  rmSync(emptyDist, { recursive: true, force: true });
});

it('without a web build, / says how to build it instead of crashing, and the API still answers', async () => {
  const app = await buildServer(platform, {
    router: appRouter,
    plugins: [webPlugin(platform, { router: appRouter, distDir: emptyDist })],
  });
  try {
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(503);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.body).toContain('The web app has not been built');
    expect(home.body).toContain('npm run build:web');
    const me = await app.inject({ method: 'GET', url: '/trpc/auth.me' });
    expect(me.statusCode).toBe(200);
  } finally {
    await app.close();
  }
});
