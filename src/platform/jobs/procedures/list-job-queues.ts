import { procedure } from '../../http';
import { listJobQueues } from '../list-job-queues';
import { ZListQueuesRequestSchema, ZListQueuesResponseSchema } from './list-job-queues.types';

export const listJobQueuesProcedure = procedure('jobs.read')
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
  .query(({ ctx }) => listJobQueues(ctx));
