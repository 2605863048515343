import { TRPCError } from '@trpc/server';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { roleAssignments } from '../access';
import type { Loaded } from '../cache';
import { type Actor, anonymousActor } from '../context';
import { AppError } from '../errors';
import { isRole, type Permission, type Role } from '../kit';
import type { AuthRequest, IdentityPort, Platform } from '../platform';
import { apiKeys, sessions, users } from './schema';
import { SESSION_COOKIE, sessionExpiry, setSessionCookie } from './session-cookie';
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
  req: AuthRequest,
  channelId: string,
  /** Where to send the session cookie again when this use extends the session (HTTP, not sockets). */
  reply?: FastifyReply,
): Promise<Actor> {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^bearer /i.test(auth)) {
    return authenticateApiKey(platform, auth.slice(7).trim(), channelId);
  }
  const token = req.cookies?.[SESSION_COOKIE];
  if (token) return authenticateSession(platform, token, channelId, reply);
  return anonymousActor();
}

/**
 * Who a credential belongs to, as last read from the database. Cached briefly so the hot path (every
 * request) costs no query, with one query per credential however many requests miss at once; every change
 * that could narrow it (sign-out, revocation, role change, password change) invalidates its tags on every
 * node, the TTL bounds anything missed, and a session's entry ends with the session.
 */
interface Identity {
  actor: Actor;
  /** An API key's channel, checked on every use. */
  keyChannelId?: string;
}

const IDENTITY_TTL_MS = 10_000;
const identities = (platform: Platform) =>
  platform.cache.cache<Identity>('auth.identity', { max: 50_000, ttlMs: IDENTITY_TTL_MS });

/** Cache tags: what an identity was built from. Services that change these call `platform.cache.invalidate`. */
export const identityTags = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  apiKey: (apiKeyId: string) => `apikey:${apiKeyId}`,
};

async function authenticateSession(
  platform: Platform,
  token: string,
  channelId: string,
  reply: FastifyReply | undefined,
): Promise<Actor> {
  if (token.length > 128) return anonymousActor();
  // In-process cache keyed by the token itself (this process holds the token while serving the request
  // anyway); only the database keeps nothing but its hash, which a cache miss computes.
  const identity = await identities(platform).getOrLoad(`s:${token}:${channelId}`, () =>
    loadSession(platform, token, channelId, reply),
  );
  return identity?.actor ?? anonymousActor();
}

async function loadSession(
  platform: Platform,
  token: string,
  channelId: string,
  reply: FastifyReply | undefined,
): Promise<Loaded<Identity> | undefined> {
  const now = platform.clock.now();
  const tokenHash = sha256Hex(token);
  const [row] = await platform.db
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      mustChangePassword: users.mustChangePassword,
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
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .groupBy(sessions.id, users.id);
  if (!row) return undefined;
  let expiresAt = new Date(row.expiresAt);
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    // Use extends the session (sliding expiry, capped at SESSION_MAX_DAYS after sign-in).
    expiresAt = sessionExpiry(platform.config, new Date(row.createdAt), now);
    await platform.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt })
      .where(and(eq(sessions.id, row.sessionId), lt(sessions.lastSeenAt, now)));
    if (reply) setSessionCookie(reply, platform.config, token, { expiresAt, now });
  }
  const roles = heldRoles(row.roles);
  const actor: Actor = Object.freeze({
    kind: 'user' as const,
    userId: row.userId,
    roles,
    permissions: platform.registry.permissionsOf(roles),
    sessionId: row.sessionId,
    // Travels with the cached identity; the change that clears it invalidates the user's tag. Always
    // present, so every signed-in actor has one shape (the guard reads it on every call).
    mustChangePassword: row.mustChangePassword !== null,
  });
  return {
    value: { actor },
    tags: [identityTags.user(row.userId), identityTags.session(row.sessionId)],
    expiresAt: expiresAt.getTime(),
  };
}

async function authenticateApiKey(platform: Platform, key: string, channelId: string): Promise<Actor> {
  if (!parseApiKey(key)) throw unauthorized('Malformed API key: expected lsn_<prefix>_<secret>');
  const identity = await identities(platform).getOrLoad(`k:${key}`, () =>
    loadApiKey(platform, key, channelId),
  );
  // One message for unknown, revoked and foreign keys: a caller learns nothing about other channels' keys.
  if (!identity || identity.keyChannelId !== channelId) throw unauthorized('Invalid or revoked API key');
  return identity.actor;
}

async function loadApiKey(
  platform: Platform,
  key: string,
  channelId: string,
): Promise<Loaded<Identity> | undefined> {
  const secretHash = sha256Hex(key);
  const now = platform.clock.now();
  const [row] = await platform.db
    .select({
      id: apiKeys.id,
      channelId: apiKeys.channelId,
      userId: apiKeys.userId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      mustChangePassword: users.mustChangePassword,
      roles: rolesAgg,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .leftJoin(
      roleAssignments,
      and(eq(roleAssignments.userId, apiKeys.userId), eq(roleAssignments.channelId, apiKeys.channelId)),
    )
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt), isNull(users.disabledAt)))
    .groupBy(apiKeys.id, users.id);
  if (!row) return undefined;
  // A key offered to another channel's API is refused (above) and does not count as used.
  const used = row.channelId === channelId;
  if (used && (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > TOUCH_EVERY_MS)) {
    await platform.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  const roles = heldRoles(row.roles);
  // The key can do at most what its creator can do today, narrowed to what it was granted.
  const scopes = new Set<string>(row.scopes);
  const permissions = new Set<Permission>(
    [...platform.registry.permissionsOf(roles)].filter((p) => scopes.has(p)),
  );
  const actor: Actor = Object.freeze({
    kind: 'api_key' as const,
    userId: row.userId,
    roles,
    permissions,
    apiKeyId: row.id,
    mustChangePassword: row.mustChangePassword !== null,
  });
  return {
    value: { actor, keyChannelId: row.channelId },
    tags: [identityTags.user(row.userId), identityTags.apiKey(row.id)],
  };
}

/** The cache tags an actor's identity was built from: what a socket or cache entry keyed by it listens to. */
export function tagsOf(actor: Actor): string[] {
  const tags: string[] = [];
  if (actor.userId) tags.push(identityTags.user(actor.userId));
  if (actor.sessionId) tags.push(identityTags.session(actor.sessionId));
  if (actor.apiKeyId) tags.push(identityTags.apiKey(actor.apiKeyId));
  return tags;
}

/** Authentication as the layers below this slice (HTTP, realtime) reach it: through the platform. */
export function identityPort(platform: () => Platform): IdentityPort {
  return {
    authenticate: (req, channelId, reply) => authenticate(platform(), req, channelId, reply),
    tagsOf,
    sessionCookie: SESSION_COOKIE,
  };
}
