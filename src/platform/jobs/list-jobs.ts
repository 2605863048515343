import { AppError } from '../errors';
import type { Platform } from '../platform';
import type { TListJobsRequest, TListJobsResponse } from './jobs.types';

export const unknownQueue = (queue: string) =>
  new AppError('NOT_FOUND', `No queue named "${queue}"`, { field: 'queue' });

/** Jobs of one queue in one state, newest first. */
export async function listJobs(
  ctx: { platform: Platform },
  input: TListJobsRequest,
): Promise<TListJobsResponse> {
  const { jobs } = ctx.platform;
  if (!jobs.registry.queues.some((q) => q.name === input.queue)) throw unknownQueue(input.queue);
  const list = await jobs.list(input.queue, input.state, input.limit ?? 50);
  return {
    jobs: list.map((j) => ({
      ...j,
      data: j.data ?? null,
      output: j.output ?? null,
      createdOn: j.createdOn.toISOString(),
      completedOn: j.completedOn?.toISOString() ?? null,
    })),
  };
}
