import type { Platform } from '../platform';
import { assertDeploymentChannel } from './list-jobs';
import type { TListQueuesResponse } from './procedures/list-job-queues.types';

/** Every registered queue with its counts per state, for the console's jobs page. */
export async function listJobQueues(ctx: {
  platform: Platform;
  channelId: string;
}): Promise<TListQueuesResponse> {
  assertDeploymentChannel(ctx);
  return { queues: await ctx.platform.jobs.queues() };
}
