import { describe, expect, it } from 'vitest';
import { createConcurrencyGate } from './concurrency-gate';
import { AppError } from './errors';

/** A task that runs until released, recording when it started. */
function controllable(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    task: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrency gate', () => {
  it('never runs more than N tasks at once, and refuses with SERVICE_BUSY (Retry-After) when the queue is full', async () => {
    const gate = createConcurrencyGate({ concurrency: 2, maxQueue: 3, what: 'password checks' });
    const started: string[] = [];
    const tasks = Array.from({ length: 8 }, (_, i) => controllable(started, `t${i}`));
    const results = tasks.map((t) => gate.run(t.task).catch((e: unknown) => e));
    await tick();
    expect(started).toEqual(['t0', 't1']);
    expect(gate.stats()).toMatchObject({ running: 2, queued: 3, refused: 3 });
    const refused = (await Promise.all(results.slice(5))) as AppError[];
    for (const e of refused) {
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe('SERVICE_BUSY');
      expect(e.httpStatus).toBe(503);
      expect(e.details?.retryAfterSeconds).toBe(1);
    }
    for (const t of tasks) {
      t.finish();
      await tick();
      expect(gate.stats().running).toBeLessThanOrEqual(2);
    }
    expect(await Promise.all(results.slice(0, 5))).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(started).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0, peak: 2 });
  });

  it('urgent work goes before a queue of normal work, and has a queue of its own', async () => {
    const gate = createConcurrencyGate({ concurrency: 1, maxQueue: 2, what: 'password checks' });
    const started: string[] = [];
    const first = controllable(started, 'first');
    const flood = [controllable(started, 'n1'), controllable(started, 'n2'), controllable(started, 'n3')];
    const signIn = controllable(started, 'urgent');
    const runs = [gate.run(first.task), ...flood.map((f) => gate.run(f.task).catch(() => 'refused'))];
    const urgent = gate.run(signIn.task, 'urgent');
    await tick();
    first.finish();
    await tick();
    expect(started).toEqual(['first', 'urgent']);
    signIn.finish();
    for (const f of flood) f.finish();
    expect(await urgent).toBe('urgent');
    expect(await Promise.all(runs)).toEqual(['first', 'n1', 'n2', 'refused']);
  });
});
