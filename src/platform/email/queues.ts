import { defineQueue } from '../kit';
import { type DeliverEmailJob, deliverEmail } from './deliver-email';
import { pruneEmail } from './prune-email';

/**
 * One job per message. Retries back off exponentially from 10 s (each delay doubles with jitter, capped at
 * 30 minutes): about two hours of retries in all, enough for a provider's outage, then the dead-letter
 * queue, where ops can retry it from the console.
 */
export const deliverEmailQueue = defineQueue<DeliverEmailJob>({
  name: 'email.send',
  description:
    'Delivers one stored email through SMTP or to the mail catcher; a message already sent is skipped',
  handler: deliverEmail,
  retryLimit: 10,
  retryDelay: 10,
  retryBackoff: true,
  retryDelayMax: 1_800,
  expireInSeconds: 180,
  concurrency: 4,
});

export const pruneEmailQueue = defineQueue({
  name: 'email.prune',
  description: 'Deletes emails older than EMAIL_RETENTION_DAYS',
  handler: pruneEmail,
  retryLimit: 3,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: 3_600,
});
