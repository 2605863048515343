import { AppError } from '../errors';
import type { Platform } from '../platform';
import type { TListJobsRequest, TListJobsResponse } from './procedures/list-jobs.types';

export const unknownQueue = (queue: string) =>
  new AppError('NOT_FOUND', `No queue named "${queue}"`, { field: 'queue' });

/**
 * The job system is the deployment's, shared by every channel, and its jobs carry other channels' data
 * (event payloads). So its console answers only on the deployment's default channel.
 */
export function assertDeploymentChannel(ctx: { platform: Platform; channelId: string }): void {
  if (ctx.channelId !== ctx.platform.defaultChannelId) {
    throw new AppError('FORBIDDEN', "The jobs console is served on the deployment's main channel only");
  }
}

/** Jobs of one queue in one state, newest first. */
export async function listJobs(
  ctx: { platform: Platform; channelId: string },
  input: TListJobsRequest,
): Promise<TListJobsResponse> {
  assertDeploymentChannel(ctx);
  const { jobs } = ctx.platform;
  if (!ctx.platform.registry.queues.some((q) => q.name === input.queue)) throw unknownQueue(input.queue);
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
