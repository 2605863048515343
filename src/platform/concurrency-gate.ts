import { AppError } from './errors';

export type Lane = 'urgent' | 'normal';

export interface GateStats {
  running: number;
  queued: number;
  /** The most tasks ever running at once (what a test checks the gate against). */
  peak: number;
  refused: number;
}

export interface ConcurrencyGate {
  /**
   * Runs `task` when a slot is free. Waiting tasks of the urgent lane go before the normal lane's, so a
   * flood of normal work cannot starve urgent work; each lane's queue is bounded, and a task arriving
   * at a full queue is refused at once with SERVICE_BUSY (503, Retry-After) instead of piling up.
   */
  run<T>(task: () => Promise<T>, lane?: Lane): Promise<T>;
  stats(): GateStats;
  resetPeak(): void;
}

/** A semaphore with a bounded, two-lane wait queue. */
export function createConcurrencyGate(opts: {
  concurrency: number;
  maxQueue: number;
  /** What a refusal says is busy, e.g. "password checks". */
  what: string;
}): ConcurrencyGate {
  const queues: Record<Lane, Array<() => void>> = { urgent: [], normal: [] };
  let running = 0;
  let peak = 0;
  let refused = 0;

  /** A finished task hands its slot straight to the next in line, so nobody can jump the queue. */
  const release = () => {
    const next = queues.urgent.shift() ?? queues.normal.shift();
    if (next) next();
    else running--;
  };

  return {
    async run<T>(task: () => Promise<T>, lane: Lane = 'normal'): Promise<T> {
      if (running >= opts.concurrency) {
        if (queues[lane].length >= opts.maxQueue) {
          refused++;
          throw new AppError('SERVICE_BUSY', `Too many ${opts.what} at once. Try again in a moment.`, {
            details: { retryAfterSeconds: 1 },
          });
        }
        await new Promise<void>((resolve) => queues[lane].push(resolve));
      } else {
        running++;
      }
      peak = Math.max(peak, running);
      try {
        return await task();
      } finally {
        release();
      }
    },
    stats: () => ({
      running,
      queued: queues.urgent.length + queues.normal.length,
      peak,
      refused,
    }),
    resetPeak() {
      peak = running;
    },
  };
}
