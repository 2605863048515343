import { procedure, router } from '../http';
import {
  ZListJobsRequestSchema,
  ZListJobsResponseSchema,
  ZListQueuesRequestSchema,
  ZListQueuesResponseSchema,
  ZRetryJobRequestSchema,
  ZRetryJobResponseSchema,
} from './jobs.types';
import { listJobQueues } from './list-job-queues';
import { listJobs } from './list-jobs';
import { retryJob } from './retry-job';

export const jobsRouter = router({
  queues: procedure('jobs.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/jobs/queues',
        tags: ['jobs'],
        summary: 'Queues with job counts per state',
      },
    })
    .input(ZListQueuesRequestSchema)
    .output(ZListQueuesResponseSchema)
    .query(({ ctx }) => listJobQueues(ctx)),

  list: procedure('jobs.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/jobs',
        tags: ['jobs'],
        summary: 'Jobs of a queue in a state, newest first',
      },
    })
    .input(ZListJobsRequestSchema)
    .output(ZListJobsResponseSchema)
    .query(({ ctx, input }) => listJobs(ctx, input)),

  retry: procedure('jobs.retry')
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
    .mutation(({ ctx, input }) => retryJob(ctx, input)),
});
