import { z } from 'zod';

export const ZListQueuesRequestSchema = z.void();

export const ZQueueSchema = z.object({
  name: z.string(),
  description: z.string(),
  queued: z.number().int(),
  active: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  /** Jobs waiting in the queue's dead-letter queue. */
  dead: z.number().int(),
});

export const ZListQueuesResponseSchema = z.object({ queues: z.array(ZQueueSchema) });

export type TListQueuesResponse = z.infer<typeof ZListQueuesResponseSchema>;
