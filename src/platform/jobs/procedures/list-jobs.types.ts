import { z } from 'zod';
import { jobStates, ZQueueName } from './queue-name';

export const ZListJobsRequestSchema = z.strictObject({
  queue: ZQueueName,
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

export type TListJobsRequest = z.infer<typeof ZListJobsRequestSchema>;
export type TListJobsResponse = z.infer<typeof ZListJobsResponseSchema>;
