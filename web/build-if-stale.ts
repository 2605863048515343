/**
 * `npm start` runs this first: builds the web app when dist/web-ssr is missing or older than any of its
 * sources, and otherwise returns at once so a restart stays fast.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web-ssr/entry-server.js');
const sources = [
  path.join(root, 'web'),
  path.join(root, 'src/platform/access/permissions.ts'),
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

const fresh =
  existsSync(built) &&
  existsSync(path.join(root, 'dist/web/index.html')) &&
  statSync(built).mtimeMs >= Math.max(...sources.map(newest));

if (fresh && !process.argv.includes('--force')) {
  console.log('Web app is up to date (dist/web); skipping the build.');
} else {
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
