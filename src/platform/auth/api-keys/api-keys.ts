import { and, desc, eq, isNull } from 'drizzle-orm';
import { type Ctx, inTransaction, type PlatformCtx } from '../../context';
import { AppError, badInput, notFound } from '../../errors';
import { newId } from '../../ids';
import type { Permission } from '../../kit';
import { identityTags } from '../authenticate';
import { apiKeys } from '../schema';
import { recordSecurityEvent } from '../security-events';
import { type ClientInfo, requireSessionUser } from '../sessions';
import { newApiKey, sha256Hex } from '../tokens';

export const apiKeyView = (k: typeof apiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

function requireUser(ctx: Ctx): string {
  if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.actor.userId;
}

/** What the caller may put in a key: exactly the permissions they hold here (a key never widens access). */
export function grantableScopes(ctx: Ctx): { scopes: Permission[] } {
  return { scopes: [...ctx.actor.permissions].sort() };
}

/**
 * Creates a key in this channel; the full key is returned once and only its hash is kept. Only a person
 * signed in with a session may create one: a key that could mint keys would hand out credentials that
 * outlive its own revocation.
 */
export async function createApiKey(ctx: PlatformCtx, input: { name: string; scopes: string[] } & ClientInfo) {
  const { userId } = requireSessionUser(ctx);
  const name = input.name.trim();
  if (!name) throw badInput('name', 'must not be empty');
  const scopes = [...new Set(input.scopes)];
  if (!scopes.length) throw badInput('scopes', 'choose at least one scope');
  const unknown = scopes.filter((s) => !ctx.platform.registry.isPermission(s));
  if (unknown.length)
    throw badInput('scopes', `unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  const notHeld = scopes.filter((s) => !ctx.actor.permissions.has(s as Permission));
  if (notHeld.length)
    throw new AppError('FORBIDDEN', `scopes: you cannot grant what you do not hold: ${notHeld.join(', ')}`, {
      field: 'scopes',
    });

  const { key, prefix } = newApiKey();
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(apiKeys)
      .values({
        id: newId(),
        channelId: ctx.channelId,
        userId,
        name,
        prefix,
        secretHash: sha256Hex(key),
        scopes,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await recordSecurityEvent(tx, {
      action: 'apiKeys.create',
      userId,
      client: input,
      subject: { type: 'api_key', id: row!.id },
      data: { name, prefix, scopes },
    });
    return { key, apiKey: apiKeyView(row!) };
  });
}

/** The caller's own keys in this channel, newest first, revoked ones included (greyed out in the UI). */
export async function listApiKeys(ctx: Ctx) {
  const userId = requireUser(ctx);
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.channelId, ctx.channelId), eq(apiKeys.userId, userId)))
    .orderBy(desc(apiKeys.createdAt));
  return { keys: rows.map(apiKeyView) };
}

export async function revokeApiKey(
  ctx: PlatformCtx,
  input: { id: string } & ClientInfo,
): Promise<{ ok: true }> {
  const userId = requireUser(ctx);
  const result = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: ctx.clock.now() })
      .where(
        and(
          eq(apiKeys.id, input.id),
          eq(apiKeys.channelId, ctx.channelId),
          eq(apiKeys.userId, userId),
          isNull(apiKeys.revokedAt),
        ),
      )
      .returning();
    if (!row) throw notFound('API key', input.id);
    await recordSecurityEvent(tx, {
      action: 'apiKeys.revoke',
      userId,
      client: input,
      subject: { type: 'api_key', id: row.id },
      data: { name: row.name, prefix: row.prefix },
    });
    return { ok: true as const };
  });
  await ctx.platform.cache.invalidate([identityTags.apiKey(input.id)]);
  return result;
}
