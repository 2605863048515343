import { z } from 'zod';

export const jobStates = ['queued', 'active', 'completed', 'failed', 'dead'] as const;

export const ZQueueName = z.string().min(1).max(200);
