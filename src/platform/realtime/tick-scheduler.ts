/**
 * At most one flush per key per tick, and no waiting when a key has been quiet: the first message
 * after a quiet tick goes out on the next turn of the event loop (so messages published together
 * still fold), later ones wait for the tick to end. Bursts are coalesced; a lone price drop is not
 * delayed by up to a tick for nothing.
 */
export interface TickScheduler {
  /** Asks for a flush of key; a no-op when one is already scheduled. */
  touch(key: string): void;
  close(): void;
}

export function createTickScheduler(tickMs: number, flush: (key: string) => void): TickScheduler {
  const scheduled = new Map<string, NodeJS.Timeout | NodeJS.Immediate>();
  const lastFlush = new Map<string, number>();
  let closed = false;

  const run = (key: string) => {
    scheduled.delete(key);
    lastFlush.set(key, performance.now());
    flush(key);
  };

  return {
    touch(key) {
      if (closed || scheduled.has(key)) return;
      const now = performance.now();
      const last = lastFlush.get(key);
      const wait = last === undefined ? 0 : last + tickMs - now;
      if (lastFlush.size > 10_000) {
        // Forget keys that have been quiet for a tick: they would flush at once anyway.
        for (const [k, t] of lastFlush) if (now - t > tickMs) lastFlush.delete(k);
      }
      scheduled.set(key, wait <= 0 ? setImmediate(run, key) : setTimeout(run, wait, key));
    },
    close() {
      closed = true;
      for (const t of scheduled.values()) {
        clearTimeout(t as NodeJS.Timeout);
        clearImmediate(t as NodeJS.Immediate);
      }
      scheduled.clear();
    },
  };
}
