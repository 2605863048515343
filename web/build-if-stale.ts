/**
 * `npm start` (and the browser tests) run this first: builds the web app when dist/web-ssr is missing or
 * older than any of its sources, and otherwise returns at once so a restart stays fast. Two callers at
 * once (parallel test files) take turns through a lock folder, so one builds and the other reuses it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { WEB_SHARED } from '../scripts/check-boundaries';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web-ssr/entry-server.js');
const lock = path.join(root, 'dist/.web-build-lock');
/**
 * The web app, the server code it bundles (the folders of WEB_SHARED's files, which run in both, and the
 * errors they throw), and the installed packages.
 */
const sources = [
  path.join(root, 'web'),
  ...[...WEB_SHARED].map((file) => path.join(root, path.dirname(file))),
  path.join(root, 'src/platform/errors.ts'),
  path.join(root, 'package-lock.json'),
];

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(p)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    max = Math.max(max, newest(path.join(p, name)));
  }
  return max;
}

const isFresh = () =>
  existsSync(built) &&
  existsSync(path.join(root, 'dist/web/index.html')) &&
  statSync(built).mtimeMs >= Math.max(...sources.map(newest));

function takeLock(): void {
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A build never takes minutes: a lock this old was left by a killed process.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(lock, { force: true, recursive: true });
      if (Date.now() > deadline)
        throw new Error(`another web build holds ${lock}; remove it if none is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
}

const force = process.argv.includes('--force');
if (!force && isFresh()) {
  console.log('Web app is up to date (dist/web); skipping the build.');
} else {
  takeLock();
  try {
    if (!force && isFresh()) console.log('Web app was just built by another process.');
    else {
      // Always a production build: it is what the server loads, whatever NODE_ENV the caller runs under
      // (the test runner's `test` made React's development JSX, which a production server cannot load).
      const env = { ...process.env, NODE_ENV: 'production' };
      const r = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit', env });
      if (r.status !== 0) process.exitCode = r.status ?? 1;
    }
  } finally {
    rmSync(lock, { force: true, recursive: true });
  }
}
