import { recordAudit } from '../audit';
import { type Ctx, inTransaction } from '../context';
import { AppError } from '../errors';
import type { Platform } from '../platform';
import { assertDeploymentChannel, unknownQueue } from './list-jobs';
import type { TRetryJobRequest, TRetryJobResponse } from './procedures/retry-job.types';

/**
 * Puts a failed or dead job back on its queue. The move and its audit entry commit together, so the log
 * never claims a retry that did not happen (or misses one that did).
 */
export async function retryJob(
  ctx: Ctx & { platform: Platform },
  input: TRetryJobRequest,
): Promise<TRetryJobResponse> {
  assertDeploymentChannel(ctx);
  const { jobs } = ctx.platform;
  if (!ctx.platform.registry.queues.some((q) => q.name === input.queue)) throw unknownQueue(input.queue);
  // Start the job system before opening the transaction: on PGlite, starting it inside one would wait
  // on the transaction's own connection.
  await jobs.ready();
  await inTransaction(ctx, async (tx) => {
    const moved = await jobs.retry(input.queue, input.id, { tx: tx.db });
    if (!moved) {
      throw new AppError('NOT_FOUND', `No failed or dead job ${input.id} in queue "${input.queue}"`, {
        field: 'id',
      });
    }
    await recordAudit(tx, {
      action: 'jobs.retry',
      subjectType: 'job',
      subjectId: input.id,
      data: { queue: input.queue },
    });
  });
  jobs.wake(input.queue);
  return { ok: true };
}
