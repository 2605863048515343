import { channels } from '../access';
import type { ReadDb } from '../db';
import { type ChainStatus, verifyAuditChain } from './verify-audit-chain';

export interface ChainReport {
  ok: boolean;
  statuses: ChainStatus[];
  /** Human-readable, one line per channel, naming the first broken link of each broken chain. */
  text: string;
}

/** Verifies every channel's chain and words the outcome for people (the CLI, the daily job's log). */
export async function auditChainReport(db: ReadDb): Promise<ChainReport> {
  const statuses = await verifyAuditChain(db);
  const names = new Map(
    (await db.select({ id: channels.id, slug: channels.slug }).from(channels)).map((c) => [c.id, c.slug]),
  );
  const ok = statuses.every((s) => s.ok);
  const lines = statuses.map((s) => {
    const name = names.has(s.channelId) ? `${names.get(s.channelId)} (${s.channelId})` : s.channelId;
    if (s.ok) return `  OK      channel ${name}: ${s.checked} entries, chain intact`;
    const b = s.firstBroken!;
    return (
      `  BROKEN  channel ${name}: first broken link at seq ${b.seq}, entry ${b.id}: ${b.reason}` +
      ` (${s.checked} entries intact before it)`
    );
  });
  const broken = statuses.filter((s) => !s.ok).length;
  const summary = ok
    ? `Audit log verified: ${statuses.length} channel(s), every chain intact.`
    : `Audit log BROKEN in ${broken} of ${statuses.length} channel(s).`;
  return { ok, statuses, text: [summary, ...lines].join('\n') };
}
