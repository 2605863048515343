import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { canonicalJson } from '../canonical-json';
import type { TxCtx } from '../context';
import { newId } from '../ids';
import { auditLog } from './schema';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** What was done, as `area.verb` (e.g. `roles.assign`). */
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** The fields the hash covers: everything but the hash itself. */
export function hashEntry(
  prevHash: string,
  e: {
    id: string;
    channelId: string;
    seq: number;
    at: string;
    actorId: string | null;
    actorKind: string;
    /** Only hashed when set, so entries written before the column existed keep their hashes. */
    actorKeyId?: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    data: unknown;
    requestId: string | null;
  },
): string {
  const body = canonicalJson({
    id: e.id,
    channelId: e.channelId,
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorKind: e.actorKind,
    actorKeyId: e.actorKeyId ?? undefined,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    data: e.data,
    requestId: e.requestId,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Stable 64-bit lock key per channel, so appends to one channel's chain take turns. */
function lockKey(channelId: string): bigint {
  return createHash('sha256').update(`audit:${channelId}`).digest().readBigInt64BE(0);
}

/**
 * Appends to the channel's hash chain inside the caller's transaction. The advisory lock serializes
 * appenders per channel until that transaction ends, so the chain never forks.
 */
export async function recordAudit(
  ctx: TxCtx,
  input: AuditInput,
): Promise<{ id: string; seq: number; hash: string }> {
  const tx = ctx.db;
  // uuid columns give ids back lower-cased: lock, read and hash them the way the verifier will read them.
  const channelId = ctx.channelId.toLowerCase();
  await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(channelId).toString()}::bigint)`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.channelId, channelId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry = {
    id: newId(),
    channelId,
    seq: (last?.seq ?? 0) + 1,
    at: ctx.clock.now().toISOString(),
    actorId: ctx.actor.userId?.toLowerCase() ?? null,
    actorKind: ctx.actor.kind,
    actorKeyId: ctx.actor.apiKeyId?.toLowerCase() ?? null,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    data: JSON.parse(canonicalJson(input.data ?? {})) as Record<string, unknown>,
    requestId: ctx.requestId || null,
  };
  const hash = hashEntry(prevHash, entry);
  await tx.insert(auditLog).values({ ...entry, prevHash, hash });
  return { id: entry.id, seq: entry.seq, hash };
}
