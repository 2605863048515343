import type { Platform } from '../platform';
import type { TListQueuesResponse } from './jobs.types';
import { assertDeploymentChannel } from './list-jobs';

/** Every registered queue with its counts per state, for the console's jobs page. */
export async function listJobQueues(ctx: {
  platform: Platform;
  channelId: string;
}): Promise<TListQueuesResponse> {
  assertDeploymentChannel(ctx);
  return { queues: await ctx.platform.jobs.queues() };
}
