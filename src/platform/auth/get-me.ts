import { eq } from 'drizzle-orm';
import { channels } from '../access';
import type { PlatformCtx } from '../context';
import { notFound } from '../errors';
import { identityTags } from './authenticate';
import { type PublicUser, toPublicUser } from './create-user';
import { users } from './schema';

type ChannelSummary = { id: string; slug: string; name: string };

/**
 * Who the caller is in this channel: what the web app needs to decide what to show. It runs on every
 * page load, so the channel and the profile come from short-lived caches (the profile's is dropped with
 * the user's identity tag on any change).
 */
export async function getMe(ctx: PlatformCtx): Promise<{
  user: PublicUser | null;
  roles: string[];
  permissions: string[];
  channel: ChannelSummary;
}> {
  const { cache } = ctx.platform;
  const channel = await cache
    .cache<ChannelSummary>('channels.summary', { max: 1_000, ttlMs: 60_000 })
    .getOrLoad(ctx.channelId, async () => {
      const [row] = await ctx.db
        .select({ id: channels.id, slug: channels.slug, name: channels.name })
        .from(channels)
        .where(eq(channels.id, ctx.channelId));
      return row && { value: row, tags: [`channel:${ctx.channelId}`] };
    });
  if (!channel) throw notFound('Channel', ctx.channelId);
  const userId = ctx.actor.userId;
  const user = userId
    ? ((await cache
        .cache<PublicUser>('users.profile', { max: 50_000, ttlMs: 10_000 })
        .getOrLoad(userId, async () => {
          const [row] = await ctx.db.select().from(users).where(eq(users.id, userId));
          return row && { value: toPublicUser(row), tags: [identityTags.user(userId)] };
        })) ?? null)
    : null;
  return {
    user,
    roles: user ? [...ctx.actor.roles] : [],
    permissions: user ? [...ctx.actor.permissions].sort() : [],
    channel,
  };
}
