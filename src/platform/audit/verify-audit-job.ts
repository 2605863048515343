import type { JobContext } from '../jobs';
import { verifyAuditChain } from './verify-audit-chain';

/**
 * The daily audit check. A broken chain fails the job with the first broken link in its error, so it
 * shows on the console's jobs page and lands in the dead-letter queue for a human; retrying cannot mend
 * it, which is why the queue retries once at most.
 */
export async function verifyAudit(ctx: JobContext): Promise<{ channels: number; checked: number }> {
  const statuses = await verifyAuditChain(ctx.db);
  const broken = statuses.filter((s) => !s.ok);
  for (const s of broken) {
    ctx.log.error({ channelId: s.channelId, firstBroken: s.firstBroken }, 'audit chain is broken');
  }
  if (broken.length) {
    const first = broken[0]!;
    throw new Error(
      `Audit chain broken in channel ${first.channelId} at seq ${first.firstBroken?.seq} ` +
        `(entry ${first.firstBroken?.id}): ${first.firstBroken?.reason}`,
    );
  }
  return { channels: statuses.length, checked: statuses.reduce((n, s) => n + s.checked, 0) };
}
