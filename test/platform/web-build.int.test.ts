import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../e2e/browser';
import { startTestApp, type TestApp } from '../helpers/app';

/**
 * The web build the test suite makes is the one `npm start` serves afterwards, so it must be a production
 * build whatever NODE_ENV the builder ran under (the test runner's `test` once produced React's development
 * JSX, and a production server then crashed at start: "jsxDEV is not a function").
 */
describe('the web build', () => {
  let app: TestApp;
  beforeAll(async () => {
    ensureWebBuilt();
    app = await startTestApp({
      env: { NODE_ENV: 'production', SESSION_SECRET: 'web-build-test-secret-web-build-test-secret' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is a production build, and a production server renders its pages', async () => {
    const ssr = readFileSync(path.resolve(import.meta.dirname, '../../dist/web-ssr/entry-server.js'), 'utf8');
    expect(ssr).not.toContain('jsxDEV');
    const page = await app.client().request('GET', '/signin');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<h1');
  });
});
