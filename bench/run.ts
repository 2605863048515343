/**
 * `npm run bench -- <name> [args]` runs bench/<name>/index.ts. Every benchmark prints its figures beside a
 * baseline measured in the same run, and ends with a one-line summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = fs.readdirSync(here).filter((d) => fs.existsSync(path.join(here, d, 'index.ts')));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.error(`Usage: npm run bench -- <name>\nBenchmarks: ${names.join(', ')}`);
  process.exit(2);
}
process.argv.splice(2, 1);
await import(pathToFileURL(path.join(here, name, 'index.ts')).href);
