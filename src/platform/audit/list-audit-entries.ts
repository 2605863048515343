import { and, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import { apiKeys, users } from '../auth/schema';
import type { Ctx } from '../context';
import { auditAtMicros, isoFromMicros } from './at-iso';
import type { TListAuditRequest, TListAuditResponse } from './procedures/list-audit-entries.types';
import { auditLog } from './schema';

const DEFAULT_LIMIT = 50;
const isDay = (s: string) => s.length === 10;

/** Newest first, always inside the caller's channel; keyset-paginated on seq so pages never shift. */
export async function listAuditEntries(ctx: Ctx, input: TListAuditRequest): Promise<TListAuditResponse> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const where: SQL[] = [eq(auditLog.channelId, ctx.channelId)];
  if (input.actorId) where.push(eq(auditLog.actorId, input.actorId));
  if (input.actorKeyId) where.push(eq(auditLog.actorKeyId, input.actorKeyId));
  if (input.actorEmail) where.push(eq(sql`lower(${users.email})`, input.actorEmail.toLowerCase()));
  if (input.action) where.push(eq(auditLog.action, input.action));
  if (input.subjectType) where.push(eq(auditLog.subjectType, input.subjectType));
  if (input.subjectId) where.push(eq(auditLog.subjectId, input.subjectId));
  if (input.from) {
    where.push(gte(auditLog.at, isDay(input.from) ? `${input.from}T00:00:00Z` : input.from));
  }
  if (input.to) {
    // A day means through its end: everything before the next midnight (UTC).
    if (isDay(input.to)) {
      const next = new Date(`${input.to}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      where.push(lt(auditLog.at, next.toISOString()));
    } else {
      where.push(lte(auditLog.at, input.to));
    }
  }
  if (input.cursor) where.push(lt(auditLog.seq, Number(input.cursor)));

  const rows = await ctx.db
    .select({
      id: auditLog.id,
      seq: auditLog.seq,
      at: auditAtMicros,
      actorId: auditLog.actorId,
      actorEmail: users.email,
      actorKind: auditLog.actorKind,
      actorKeyId: auditLog.actorKeyId,
      actorKeyName: apiKeys.name,
      actorKeyPrefix: apiKeys.prefix,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      data: auditLog.data,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(apiKeys, and(eq(apiKeys.id, auditLog.actorKeyId), eq(apiKeys.channelId, auditLog.channelId)))
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  return {
    entries: page.map(({ actorKeyId, actorKeyName, actorKeyPrefix, ...r }) => ({
      ...r,
      at: isoFromMicros(r.at),
      actorKey: actorKeyId ? { id: actorKeyId, name: actorKeyName, prefix: actorKeyPrefix } : null,
      data: (r.data ?? {}) as Record<string, unknown>,
    })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}
