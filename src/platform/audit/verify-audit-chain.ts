import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { channels } from '../access';
import { queryRows, type ReadDb } from '../db';
import { auditAtMicros, isoFromMicros } from './at-iso';
import { GENESIS_HASH, hashEntry } from './record';
import { auditLog } from './schema';

export interface BrokenLink {
  seq: number;
  id: string;
  reason: string;
}

export interface ChainStatus {
  channelId: string;
  ok: boolean;
  /** Entries found intact, in seq order, before the first broken link (all of them when ok). */
  checked: number;
  firstBroken: BrokenLink | null;
}

const DEFAULT_BATCH = 1000;

/**
 * Walks each channel's chain in seq order, in batches (never the whole log in memory), recomputing every
 * hash and checking seq continuity and prev_hash links. Stops a channel at its first broken link.
 * Limits: a chain cut off at its tail (newest entries deleted) still verifies, as with any hash chain
 * without an external anchor; the append-only trigger is what prevents that.
 */
export async function verifyAuditChain(
  db: ReadDb,
  opts: { channelId?: string; batchSize?: number } = {},
): Promise<ChainStatus[]> {
  const ids = opts.channelId ? [opts.channelId.toLowerCase()] : await auditedChannelIds(db);
  const out: ChainStatus[] = [];
  for (const channelId of ids) out.push(await verifyChannel(db, channelId, opts.batchSize ?? DEFAULT_BATCH));
  return out;
}

/** Every channel, plus any channel id the log holds that has no channel row (it still gets verified). */
async function auditedChannelIds(db: ReadDb): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from ${channels} union select distinct channel_id::text from ${auditLog} order by 1`,
  );
  return rows.map((r) => r.id);
}

async function verifyChannel(db: ReadDb, channelId: string, batchSize: number): Promise<ChainStatus> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const broken = (row: { seq: number; id: string }, reason: string): ChainStatus => ({
    channelId,
    ok: false,
    checked,
    firstBroken: { seq: row.seq, id: row.id, reason },
  });

  for (;;) {
    const rows = await db
      .select({
        id: auditLog.id,
        channelId: auditLog.channelId,
        seq: auditLog.seq,
        at: auditAtMicros,
        actorId: auditLog.actorId,
        actorKind: auditLog.actorKind,
        actorKeyId: auditLog.actorKeyId,
        action: auditLog.action,
        subjectType: auditLog.subjectType,
        subjectId: auditLog.subjectId,
        data: auditLog.data,
        requestId: auditLog.requestId,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
      })
      .from(auditLog)
      .where(and(eq(auditLog.channelId, channelId), gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);

    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        const missing = row.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}–${row.seq - 1}`;
        return broken(row, `entry seq ${missing} is missing before this one (deleted?)`);
      }
      if (row.prevHash !== prevHash) {
        return broken(row, 'prev_hash does not match the hash of the entry before it');
      }
      const recomputed = hashEntry(row.prevHash, { ...row, at: isoFromMicros(row.at) });
      if (recomputed !== row.hash) {
        return broken(row, 'hash does not match the entry’s contents (the entry was altered)');
      }
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batchSize) return { channelId, ok: true, checked, firstBroken: null };
  }
}
