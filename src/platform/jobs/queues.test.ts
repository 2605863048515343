import { describe, expect, it } from 'vitest';
import { cronTable } from './cron';
import { createJobs, type QueueDefinition } from './index';
import { deadLetterOf } from './pg-boss-jobs';
import { queues } from './queues';

const noPlatform = () => {
  throw new Error('not needed');
};

describe('the queue registry and the cron table', () => {
  it('has the built-in queues, each with a retry policy and its own dead-letter queue', () => {
    expect(queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['events.deliver', 'outbox.dispatch', 'idempotency.purge', 'audit.verify']),
    );
    for (const q of queues) {
      expect(q.description.length).toBeGreaterThan(0);
      expect(q.retryBackoff).toBe(true);
      expect(q.expireInSeconds).toBeGreaterThan(0);
      expect(deadLetterOf(q)).toBe(`${q.name}.dead`);
    }
  });

  it('schedules idempotency.purge hourly and audit.verify daily, every entry on a registered queue', () => {
    const byQueue = Object.fromEntries(cronTable.map((e) => [e.queue, e.cron]));
    expect(byQueue['idempotency.purge']).toMatch(/^\d+ \* \* \* \*$/);
    expect(byQueue['audit.verify']).toMatch(/^\d+ \d+ \* \* \*$/);
    for (const e of cronTable) expect(queues.some((q) => q.name === e.queue)).toBe(true);
  });

  it('refuses a registry with a duplicate queue, a duplicate consumer or a cron entry for no queue', () => {
    const dup: QueueDefinition = { ...queues[0]! };
    expect(() => createJobs(noPlatform, { queues: [dup] })).toThrow(/registered twice/);
    const consumer = { name: 'c', eventTypes: ['*'], handle: async () => {} };
    expect(() => createJobs(noPlatform, { consumers: [consumer, consumer] })).toThrow(/registered twice/);
    expect(() =>
      createJobs(noPlatform, { cron: [{ queue: 'nope', cron: '* * * * *', description: 'x' }] }),
    ).toThrow(/unknown queue/);
  });
});
