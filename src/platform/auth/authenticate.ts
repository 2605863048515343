import { TRPCError } from '@trpc/server';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { isRole, type Permission, permissionsOf, type Role } from '../access/permissions';
import { roleAssignments } from '../access/schema';
import { type Actor, anonymousActor } from '../context';
import { AppError } from '../errors';
import type { Platform } from '../platform';
import { apiKeys, sessions, users } from './schema';
import { SESSION_COOKIE } from './session-cookie';
import { parseApiKey, sha256Hex } from './tokens';

/** lastSeenAt / lastUsedAt are bookkeeping: write them at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const rolesAgg = sql<
  string[]
>`coalesce(array_agg(${roleAssignments.role}) filter (where ${roleAssignments.role} is not null), '{}')`;

/** Every signed-in user is a customer; the assignments add the rest. */
function heldRoles(assigned: readonly string[]): Role[] {
  const out: Role[] = ['customer'];
  for (const r of assigned) if (isRole(r) && r !== 'customer' && !out.includes(r)) out.push(r);
  return out;
}

function unauthorized(message: string): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message, cause: new AppError('UNAUTHENTICATED', message) });
}

/**
 * Who is calling: `Authorization: Bearer <api key>`, else the `lsn_session` cookie, else nobody.
 * One query each (session or key + user + the roles held in the channel). A bearer key that is
 * unknown, revoked, or belongs to another channel is refused outright (throws TRPCError
 * UNAUTHORIZED → 401) rather than silently downgraded to anonymous. A stale cookie is just anonymous.
 */
export async function authenticate(
  platform: Platform,
  req: FastifyRequest,
  channelId: string,
): Promise<Actor> {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^bearer /i.test(auth)) {
    return authenticateApiKey(platform, auth.slice(7).trim(), channelId);
  }
  const token = req.cookies?.[SESSION_COOKIE];
  if (token) return authenticateSession(platform, token, channelId);
  return anonymousActor();
}

async function authenticateSession(platform: Platform, token: string, channelId: string): Promise<Actor> {
  if (token.length > 128) return anonymousActor();
  const now = platform.clock.now();
  const [row] = await platform.db
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      lastSeenAt: sessions.lastSeenAt,
      roles: rolesAgg,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(
      roleAssignments,
      and(eq(roleAssignments.userId, sessions.userId), eq(roleAssignments.channelId, channelId)),
    )
    .where(
      and(
        eq(sessions.tokenHash, sha256Hex(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .groupBy(sessions.id);
  if (!row) return anonymousActor();
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await platform.db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, row.sessionId), lt(sessions.lastSeenAt, now)));
  }
  const roles = heldRoles(row.roles);
  return {
    kind: 'user',
    userId: row.userId,
    roles,
    permissions: permissionsOf(roles),
    sessionId: row.sessionId,
  };
}

async function authenticateApiKey(platform: Platform, key: string, channelId: string): Promise<Actor> {
  if (!parseApiKey(key)) throw unauthorized('Malformed API key: expected lsn_<prefix>_<secret>');
  const now = platform.clock.now();
  const [row] = await platform.db
    .select({
      id: apiKeys.id,
      channelId: apiKeys.channelId,
      userId: apiKeys.userId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      roles: rolesAgg,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .leftJoin(
      roleAssignments,
      and(eq(roleAssignments.userId, apiKeys.userId), eq(roleAssignments.channelId, apiKeys.channelId)),
    )
    .where(and(eq(apiKeys.secretHash, sha256Hex(key)), isNull(apiKeys.revokedAt), isNull(users.disabledAt)))
    .groupBy(apiKeys.id);
  // One message for unknown, revoked and foreign keys: a caller learns nothing about other channels' keys.
  if (!row || row.channelId !== channelId) throw unauthorized('Invalid or revoked API key');
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
    await platform.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  const roles = heldRoles(row.roles);
  // The key can do at most what its creator can do today, narrowed to what it was granted.
  const scopes = new Set<string>(row.scopes);
  const permissions = new Set<Permission>([...permissionsOf(roles)].filter((p) => scopes.has(p)));
  return { kind: 'api_key', userId: row.userId, roles, permissions, apiKeyId: row.id };
}
