/**
 * A process that takes the data-folder lock the way the product does (acquireDataDirLock), at an instant
 * its parent names: `node --import tsx test/helpers/lock-racer.ts <dataDir>`, prints `ready`, reads the
 * start time (epoch ms) from stdin, spins until then, tries, prints the outcome as JSON, and keeps the lock
 * until it is killed.
 */
import readline from 'node:readline';
import { acquireDataDirLock } from '../../src/platform/db/data-dir-lock';

const dir = process.argv[2]!;
const lines = readline.createInterface({ input: process.stdin });
console.log('ready');
const line = await new Promise<string>((resolve) => lines.once('line', resolve));
const at = Number(line);
// Spin rather than sleep, so both racers leave the line within microseconds of each other.
while (performance.timeOrigin + performance.now() < at) {
  // spin
}
try {
  acquireDataDirLock(dir);
  console.log(JSON.stringify({ won: true, pid: process.pid }));
  setInterval(() => {}, 60_000);
} catch (err) {
  console.log(JSON.stringify({ won: false, pid: process.pid, message: (err as Error).message }));
  process.exit(0);
}
