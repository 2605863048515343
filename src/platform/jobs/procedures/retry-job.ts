import { procedure } from '../../http';
import { retryJob } from '../retry-job';
import { ZRetryJobRequestSchema, ZRetryJobResponseSchema } from './retry-job.types';

export const retryJobProcedure = procedure('jobs.retry')
  .meta({
    openapi: {
      method: 'POST',
      path: '/jobs/{id}/retry',
      tags: ['jobs'],
      summary: 'Put a failed or dead job back on its queue',
    },
  })
  .input(ZRetryJobRequestSchema)
  .output(ZRetryJobResponseSchema)
  .mutation(({ ctx, input }) => retryJob(ctx, input));
