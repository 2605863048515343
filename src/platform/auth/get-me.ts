import { eq } from 'drizzle-orm';
import { channels } from '../access/schema';
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
  const channelCache = cache.cache<ChannelSummary>('channels.summary', { max: 1_000, ttlMs: 60_000 });
  let channel = channelCache.get(ctx.channelId);
  if (!channel) {
    [channel] = await ctx.db
      .select({ id: channels.id, slug: channels.slug, name: channels.name })
      .from(channels)
      .where(eq(channels.id, ctx.channelId));
    if (!channel) throw notFound('Channel', ctx.channelId);
    channelCache.set(ctx.channelId, channel, [`channel:${ctx.channelId}`]);
  }
  let user: PublicUser | null = null;
  const userId = ctx.actor.userId;
  if (userId) {
    const profiles = cache.cache<PublicUser>('users.profile', { max: 50_000, ttlMs: 10_000 });
    user = profiles.get(userId) ?? null;
    if (!user) {
      const [row] = await ctx.db.select().from(users).where(eq(users.id, userId));
      if (row) {
        user = toPublicUser(row);
        profiles.set(userId, user, [identityTags.user(userId)]);
      }
    }
  }
  return {
    user,
    roles: user ? [...ctx.actor.roles] : [],
    permissions: user ? [...ctx.actor.permissions].sort() : [],
    channel,
  };
}
