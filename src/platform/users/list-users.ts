import { and, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import { roleAssignments } from '../access';
import { users } from '../auth/schema';
import type { Ctx } from '../context';
import { badInput } from '../errors';
import { isUuid } from '../ids';
import { isRole, type Role } from '../kit';

export interface ListUsersInput {
  search?: string;
  role?: string;
  cursor?: string;
  limit?: number;
}

/** The accounts of this channel: those who signed up here, and those holding a role here. */
export const inChannel = (channelId: string) =>
  or(
    eq(users.homeChannelId, channelId),
    sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id} and ${roleAssignments.channelId} = ${channelId})`,
  );

/** Explicit roles per user in the channel ("customer" is implicit and not listed). */
export async function rolesByUser(ctx: Ctx, userIds: string[]): Promise<Map<string, Role[]>> {
  const out = new Map<string, Role[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  const rows = await ctx.db
    .select({ userId: roleAssignments.userId, role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.channelId, ctx.channelId), inArray(roleAssignments.userId, userIds)));
  for (const r of rows) if (isRole(r.role)) out.get(r.userId)?.push(r.role);
  for (const list of out.values()) list.sort();
  return out;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest first; the cursor is the last id of the previous page (ids are time-ordered UUIDv7). */
export async function listUsers(ctx: Ctx, input: ListUsersInput) {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 100);
  if (input.cursor !== undefined && !isUuid(input.cursor)) throw badInput('cursor', 'is not a valid cursor');
  if (input.role !== undefined && !isRole(input.role)) throw badInput('role', `unknown role "${input.role}"`);
  const conditions = [inChannel(ctx.channelId)];
  if (input.cursor) conditions.push(lt(users.id, input.cursor));
  const search = input.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    conditions.push(or(ilike(users.email, pattern), ilike(users.displayName, pattern)));
  }
  if (input.role && input.role !== 'customer') {
    conditions.push(
      sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id} and ${roleAssignments.channelId} = ${ctx.channelId} and ${roleAssignments.role} = ${input.role})`,
    );
  }
  const rows = await ctx.db
    .select({ id: users.id, email: users.email, displayName: users.displayName, createdAt: users.createdAt })
    .from(users)
    .where(and(...conditions))
    .orderBy(desc(users.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const roles = await rolesByUser(
    ctx,
    page.map((u) => u.id),
  );
  return {
    users: page.map((u) => ({ ...u, createdAt: u.createdAt.toISOString(), roles: roles.get(u.id) ?? [] })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
