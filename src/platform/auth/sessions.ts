import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { type Ctx, inTransaction, type PlatformCtx, type TxCtx } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { identityTags } from './authenticate';
import { sessions } from './schema';
import { recordSecurityEvent } from './security-events';
import { sessionExpiry } from './session-cookie';
import { newSessionToken, sha256Hex } from './tokens';

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/**
 * Opens a session for the user in the caller's transaction, lasting SESSION_TTL_DAYS from its last use;
 * returns the cookie token (only its hash is stored).
 */
export async function createSession(
  ctx: PlatformCtx & TxCtx,
  userId: string,
  client: ClientInfo,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const id = newId();
  const now = ctx.clock.now();
  const expiresAt = sessionExpiry(ctx.platform.config, now, now);
  await ctx.db.insert(sessions).values({
    id,
    userId,
    tokenHash: sha256Hex(token),
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    ip: client.ip ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  return { id, token, expiresAt };
}

/** Account operations need a person at a browser: a session, not an API key. */
export function requireSessionUser(ctx: Ctx): { userId: string; sessionId: string } {
  const { actor } = ctx;
  if (actor.kind !== 'user' || !actor.userId || !actor.sessionId)
    throw new AppError('FORBIDDEN', 'Sign in with your account to do that (API keys cannot)');
  return { userId: actor.userId, sessionId: actor.sessionId };
}

export async function listSessions(ctx: Ctx) {
  const me = requireSessionUser(ctx);
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, me.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, ctx.clock.now()),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return {
    sessions: rows.map((s) => ({
      id: s.id,
      userAgent: s.userAgent,
      ip: s.ip,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      current: s.id === me.sessionId,
    })),
  };
}

/** Revokes one of the caller's own sessions; says whether it was the current one (clear the cookie). */
export async function revokeSession(
  ctx: PlatformCtx,
  input: { sessionId: string } & ClientInfo,
): Promise<{ current: boolean }> {
  const me = requireSessionUser(ctx);
  const current = input.sessionId === me.sessionId;
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(
        and(eq(sessions.id, input.sessionId), eq(sessions.userId, me.userId), isNull(sessions.revokedAt)),
      )
      .returning({ id: sessions.id, userAgent: sessions.userAgent, ip: sessions.ip });
    if (!row) throw notFound('Session', input.sessionId);
    await recordSecurityEvent(tx, {
      action: 'auth.sessionRevoked',
      userId: me.userId,
      client: input,
      data: {
        sessionId: row.id,
        current,
        sessionIp: row.ip,
        sessionUserAgent: row.userAgent?.slice(0, 256) ?? null,
      },
    });
  });
  await ctx.platform.cache.invalidate([identityTags.session(input.sessionId)]);
  return { current };
}

/** "Sign out everywhere": every other session of the caller ends; this one stays. */
export async function revokeOtherSessions(
  ctx: PlatformCtx,
  client: ClientInfo,
): Promise<{ revoked: number }> {
  const me = requireSessionUser(ctx);
  const rows = await inTransaction(ctx, async (tx) => {
    const ended = await tx.db
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.userId, me.userId), ne(sessions.id, me.sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await recordSecurityEvent(tx, {
      action: 'auth.signedOutEverywhere',
      userId: me.userId,
      client,
      data: { sessionsEnded: ended.length },
    });
    return ended;
  });
  await ctx.platform.cache.invalidate(rows.map((r) => identityTags.session(r.id)));
  return { revoked: rows.length };
}

/** Ends the current session (sign-out). Harmless when there is none. */
export async function endCurrentSession(ctx: PlatformCtx, client: ClientInfo): Promise<void> {
  const id = ctx.actor.sessionId;
  const userId = ctx.actor.userId;
  if (!id || !userId) return;
  await inTransaction(ctx, async (tx) => {
    const ended = await tx.db
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (ended.length)
      await recordSecurityEvent(tx, { action: 'auth.signOut', userId, client, data: { sessionId: id } });
  });
  await ctx.platform.cache.invalidate([identityTags.session(id)]);
}
