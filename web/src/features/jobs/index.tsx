import { defineWebModule } from '../../lib/web-module';
import { JobsPage, jobsQuery, queuesQuery } from './jobs-page';

export default defineWebModule({
  name: 'jobs',
  routes: [
    {
      surface: 'console',
      path: 'jobs',
      element: <JobsPage />,
      permission: 'jobs.read',
      queries: (trpc) => [queuesQuery(trpc)],
      head: { title: 'Jobs', description: 'Background queues, failed and dead jobs, retries.' },
    },
    {
      surface: 'console',
      path: 'jobs/:queue',
      element: <JobsPage />,
      permission: 'jobs.read',
      queries: (trpc, { params }) => [
        queuesQuery(trpc),
        jobsQuery(trpc, params.queue!, 'failed'),
        jobsQuery(trpc, params.queue!, 'dead'),
      ],
      head: ({ params }) => ({
        title: `Jobs in ${params.queue}`,
        description: `Failed and dead jobs in the ${params.queue} queue.`,
      }),
      notFoundIs404: true,
    },
  ],
  nav: [
    {
      surface: 'console',
      area: 'Platform',
      label: 'Jobs',
      description: 'Background queues, failed and dead jobs, retries.',
      to: '/console/jobs',
      permission: 'jobs.read',
    },
  ],
});
