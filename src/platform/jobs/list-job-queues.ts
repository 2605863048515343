import type { Platform } from '../platform';
import type { TListQueuesResponse } from './jobs.types';

/** Every registered queue with its counts per state, for the console's jobs page. */
export async function listJobQueues(ctx: { platform: Platform }): Promise<TListQueuesResponse> {
  return { queues: await ctx.platform.jobs.queues() };
}
