import { procedure } from '../../http';
import { listJobs } from '../list-jobs';
import { ZListJobsRequestSchema, ZListJobsResponseSchema } from './list-jobs.types';

export const listJobsProcedure = procedure('jobs.read')
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
  .query(({ ctx, input }) => listJobs(ctx, input));
