import { z } from 'zod';

export const jobStates = ['queued', 'active', 'completed', 'failed', 'dead'] as const;

const QueueName = z.string().min(1).max(200);

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

export const ZListJobsRequestSchema = z.strictObject({
  queue: QueueName,
  state: z.enum(jobStates),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const ZJobSchema = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.enum(jobStates),
  data: z.unknown(),
  output: z.unknown(),
  retryCount: z.number().int(),
  createdOn: z.string(),
  completedOn: z.string().nullable(),
  /** The last failure's message, for failed, dead and retrying jobs. */
  error: z.string().nullable(),
});

export const ZListJobsResponseSchema = z.object({ jobs: z.array(ZJobSchema) });

export const ZRetryJobRequestSchema = z.strictObject({
  queue: QueueName,
  id: z.uuid(),
});

export const ZRetryJobResponseSchema = z.object({ ok: z.literal(true) });

export type TListJobsRequest = z.infer<typeof ZListJobsRequestSchema>;
export type TListJobsResponse = z.infer<typeof ZListJobsResponseSchema>;
export type TListQueuesResponse = z.infer<typeof ZListQueuesResponseSchema>;
export type TRetryJobRequest = z.infer<typeof ZRetryJobRequestSchema>;
export type TRetryJobResponse = z.infer<typeof ZRetryJobResponseSchema>;
