import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

const LOCK = 'lsn.lock';
/** `lsn.lock.takeover.<identity of the stale lock>.<attempt>`: who is replacing that stale lock. */
const TAKEOVER = 'lsn.lock.takeover.';
/** `lsn.lock.tmp.<pid>.<random>`: a lock file being prepared, complete before it gets a shared name. */
const TMP = 'lsn.lock.tmp.';

/**
 * PGlite does not lock its data folder, and two processes on one folder silently lose writes. We hold a
 * lock file naming our pid; a second start refuses while that process lives. Every step is atomic on the
 * file system, so two processes starting together can never both hold the lock:
 * - The lock file is written under a private name, then linked to `lsn.lock` (link fails if the name
 *   exists): nobody ever reads a half-written lock.
 * - A lock whose process died is taken over by renaming a fresh lock over it, but only by the process that
 *   created the takeover marker for that exact stale file (its inode and mtime) first; the marker is
 *   linked like the lock, so exactly one process gets it. Unlinking the stale lock and creating a new one
 *   instead let two processes both win (each unlinked and re-created; the second unlinked the first's).
 * - A taker that died mid-takeover leaves its marker behind: the next one uses the next attempt number.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const lockPath = path.join(dir, LOCK);
  const tmp = path.join(dir, `${TMP}${process.pid}.${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(tmp, String(process.pid), { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        fs.linkSync(tmp, lockPath);
        removeLeftovers(dir);
        return holding(lockPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const held = readLock(lockPath);
      if (!held) continue; // released just now: try again
      if (held.pid === process.pid)
        throw new DataDirLockedError(`The data folder ${dir} is already open in this process.`);
      if (held.pid !== undefined && isAlive(held.pid)) {
        throw new DataDirLockedError(
          `The data folder ${dir} is in use by another running process (pid ${held.pid}). ` +
            'Stop it first, or set DATA_DIR to another folder.',
        );
      }
      if (takeOver(dir, lockPath, tmp, held.id)) {
        removeLeftovers(dir);
        return holding(lockPath);
      }
      // Another process is taking the stale lock over: look again in a moment (it will hold it).
      sleep(5 + Math.random() * 20);
    }
    throw new DataDirLockedError(`Could not lock the data folder ${dir}.`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Replaces the stale lock `staleId` by ours if we are the one process allowed to; false otherwise. */
function takeOver(dir: string, lockPath: string, tmp: string, staleId: string): boolean {
  for (let attempt = 1; ; attempt++) {
    const marker = path.join(dir, `${TAKEOVER}${staleId}.${attempt}`);
    try {
      fs.linkSync(tmp, marker);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const taker = readLock(marker);
      if (!taker) return false; // the takeover finished and its markers are gone: look again
      if (taker.pid === undefined || isAlive(taker.pid)) return false; // in progress
      continue; // its taker died before finishing: the next attempt number is free for one of us
    }
    // Markers for a stale lock are only ever removed once the lock is something else, so holding this one
    // means no other process may replace the lock while it is still that stale file: check, then replace.
    const now = readLock(lockPath);
    if (now?.id !== staleId) {
      fs.rmSync(marker, { force: true });
      return false;
    }
    fs.renameSync(tmp, lockPath);
    return true;
  }
}

/**
 * Once we hold the lock: takeover markers (each names a stale lock that is no longer there, so no takeover
 * can use it any more) and lock files being prepared by a process that died.
 */
function removeLeftovers(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const leftover =
      name.startsWith(TAKEOVER) ||
      (name.startsWith(TMP) && !isAlive(Number.parseInt(name.slice(TMP.length), 10)));
    if (leftover) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** A lock file's holder and identity (device, inode, mtime: a replaced lock is another file), if it exists. */
function readLock(file: string): { pid: number | undefined; id: string } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const st = fs.fstatSync(fd, { bigint: true });
    const text = fs.readFileSync(fd, 'utf8');
    const pid = /^\d+$/.test(text) ? Number(text) : undefined;
    return { pid, id: `${st.dev}-${st.ino}-${st.mtimeNs}` };
  } finally {
    fs.closeSync(fd);
  }
}

function holding(lockPath: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
