import { z } from 'zod';
import { ZQueueName } from './queue-name';

export const ZRetryJobRequestSchema = z.strictObject({
  queue: ZQueueName,
  id: z.uuid(),
});

export const ZRetryJobResponseSchema = z.object({ ok: z.literal(true) });

export type TRetryJobRequest = z.infer<typeof ZRetryJobRequestSchema>;
export type TRetryJobResponse = z.infer<typeof ZRetryJobResponseSchema>;
