import { router } from '../http';
import { listJobQueuesProcedure } from './procedures/list-job-queues';
import { listJobsProcedure } from './procedures/list-jobs';
import { retryJobProcedure } from './procedures/retry-job';

export const jobsRouter = router({
  queues: listJobQueuesProcedure,
  list: listJobsProcedure,
  retry: retryJobProcedure,
});
