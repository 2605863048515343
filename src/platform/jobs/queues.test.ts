import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { cronTable } from './cron';
import { createJobs, type QueueDefinition } from './index';
import { DEAD_RETENTION_SECONDS, DEFAULT_RETENTION_SECONDS, deadLetterOf } from './pg-boss-jobs';
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

  it('keeps event dedupe records longer than an events.deliver job can come back', () => {
    const deliver = queues.find((q) => q.name === 'events.deliver')!;
    const queued = deliver.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
    // Waits queued, dies, waits in the dead-letter queue, is redriven from the console and waits again.
    const windowDays = (queued + DEAD_RETENTION_SECONDS + queued) / 86_400;
    expect(() => loadConfig({ EVENTS_RETENTION_DAYS: String(Math.ceil(windowDays)) })).toThrow(
      /EVENTS_RETENTION_DAYS/,
    );
    expect(loadConfig({}).EVENTS_RETENTION_DAYS).toBeGreaterThan(windowDays + 7);
    expect(cronTable.find((e) => e.queue === 'events.prune')?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
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
