import { eq } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../context';
import { notFound } from '../errors';
import { identityTags } from './authenticate';
import { type PublicUser, toPublicUser } from './create-user';
import { users } from './schema';
import { requireSessionUser } from './sessions';

/** Changes how the caller is shown to others; every node drops its cached copy of the profile. */
export async function updateProfile(
  ctx: PlatformCtx,
  input: { displayName: string },
): Promise<{ user: PublicUser }> {
  const me = requireSessionUser(ctx);
  const [row] = await inTransaction(ctx, (tx) =>
    tx.db.update(users).set({ displayName: input.displayName }).where(eq(users.id, me.userId)).returning(),
  );
  if (!row) throw notFound('User');
  await ctx.platform.cache.invalidate([identityTags.user(me.userId)]);
  return { user: toPublicUser(row) };
}
