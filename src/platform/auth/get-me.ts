import { eq } from 'drizzle-orm';
import { channels } from '../access/schema';
import type { Ctx } from '../context';
import { notFound } from '../errors';
import { type PublicUser, toPublicUser } from './create-user';
import { users } from './schema';

/** Who the caller is in this channel: what the web app needs to decide what to show. */
export async function getMe(ctx: Ctx): Promise<{
  user: PublicUser | null;
  roles: string[];
  permissions: string[];
  channel: { id: string; slug: string; name: string };
}> {
  const [channel] = await ctx.db
    .select({ id: channels.id, slug: channels.slug, name: channels.name })
    .from(channels)
    .where(eq(channels.id, ctx.channelId));
  if (!channel) throw notFound('Channel', ctx.channelId);
  let user: PublicUser | null = null;
  if (ctx.actor.userId) {
    const [row] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
    if (row) user = toPublicUser(row);
  }
  return {
    user,
    roles: user ? [...ctx.actor.roles] : [],
    permissions: user ? [...ctx.actor.permissions].sort() : [],
    channel,
  };
}
