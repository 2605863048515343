import type { CronEntry } from './index';

/**
 * The cron table: every recurring job, in UTC. The worker role schedules it at start (and removes
 * entries no longer listed); pg-boss makes sure one job per tick is created however many workers run.
 */
export const cronTable: CronEntry[] = [
  { queue: 'idempotency.purge', cron: '7 * * * *', description: 'Hourly: purge expired idempotency keys' },
  { queue: 'audit.verify', cron: '17 3 * * *', description: 'Daily at 03:17: verify the audit hash chains' },
  {
    queue: 'events.prune',
    cron: '37 3 * * *',
    description: 'Daily at 03:37: delete old dispatched outbox rows and event consumption records',
  },
  {
    queue: 'outbox.dispatch',
    cron: '* * * * *',
    description: 'Every minute: backstop sweep of the outbox (each worker also sweeps every second)',
  },
];
