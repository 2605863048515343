import { and, eq } from 'drizzle-orm';
import { roleAssignments } from '../access';
import { recordAudit } from '../audit';
import { identityTags } from '../auth';
import { users } from '../auth/schema';
import { type Ctx, inTransaction, type PlatformCtx, type TxCtx } from '../context';
import { AppError, badInput, forbidden, notFound } from '../errors';
import { isRole, privilegedRoles, type Role } from '../kit';
import { inChannel, rolesByUser } from './list-users';

export interface RoleChange {
  userId: string;
  role: string;
}

/** The rules every grant and removal obeys, checked before anything is written. */
function checkChange(ctx: Ctx, input: RoleChange): Role {
  const { role } = input;
  if (!isRole(role)) throw badInput('role', `unknown role "${role}"`);
  if (role === 'customer')
    throw badInput('role', 'customer is implicit for every account and cannot be changed');
  if (!ctx.actor.permissions.has('roles.assign'))
    throw forbidden('You need the roles.assign permission to do that');
  if (privilegedRoles.includes(role) && !ctx.actor.permissions.has('roles.assignPrivileged'))
    throw forbidden(`Only a founder can grant or remove the ${role} role`);
  // Nobody raises or strips their own privileges; a second person must do it (and it is audited).
  if (ctx.actor.userId === input.userId) throw forbidden('You cannot change your own roles');
  return role;
}

async function requireChannelUser(tx: TxCtx, userId: string): Promise<void> {
  const [row] = await tx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), inChannel(tx.channelId)));
  if (!row) throw notFound('User', userId);
}

async function currentRoles(tx: TxCtx, userId: string): Promise<string[]> {
  return (await rolesByUser(tx, [userId])).get(userId) ?? [];
}

/** Grants a role in this channel. Granting a role already held changes nothing and records nothing. */
export async function assignRole(ctx: PlatformCtx, input: RoleChange): Promise<{ roles: string[] }> {
  const role = checkChange(ctx, input);
  const result = await inTransaction(ctx, async (tx) => {
    await requireChannelUser(tx, input.userId);
    const inserted = await tx.db
      .insert(roleAssignments)
      .values({
        channelId: ctx.channelId,
        userId: input.userId,
        role,
        grantedBy: ctx.actor.userId,
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ role: roleAssignments.role });
    if (inserted.length)
      await recordAudit(tx, {
        action: 'roles.assign',
        subjectType: 'user',
        subjectId: input.userId,
        data: { role },
      });
    return { roles: await currentRoles(tx, input.userId) };
  });
  // Their sessions and keys carry the old roles: make every node read them again.
  await ctx.platform.cache.invalidate([identityTags.user(input.userId)]);
  return result;
}

/** Removes a role in this channel. The channel always keeps at least one founder. */
export async function removeRole(ctx: PlatformCtx, input: RoleChange): Promise<{ roles: string[] }> {
  const role = checkChange(ctx, input);
  const result = await inTransaction(ctx, async (tx) => {
    await requireChannelUser(tx, input.userId);
    if (role === 'founder') {
      // Lock every founder row of the channel so two founders removing each other take turns.
      const founders = await tx.db
        .select({ userId: roleAssignments.userId })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.channelId, ctx.channelId), eq(roleAssignments.role, 'founder')))
        .for('update');
      if (founders.some((f) => f.userId === input.userId) && founders.length <= 1)
        throw new AppError(
          'CONFLICT',
          'The last founder of a channel cannot be removed; make someone else founder first',
        );
    }
    const removed = await tx.db
      .delete(roleAssignments)
      .where(
        and(
          eq(roleAssignments.channelId, ctx.channelId),
          eq(roleAssignments.userId, input.userId),
          eq(roleAssignments.role, role),
        ),
      )
      .returning({ role: roleAssignments.role });
    if (removed.length)
      await recordAudit(tx, {
        action: 'roles.remove',
        subjectType: 'user',
        subjectId: input.userId,
        data: { role },
      });
    return { roles: await currentRoles(tx, input.userId) };
  });
  // Their sessions and keys carry the old roles: make every node read them again.
  await ctx.platform.cache.invalidate([identityTags.user(input.userId)]);
  return result;
}

/**
 * A grant made by the platform itself (first-run founder, demo accounts): none of the human rules
 * apply, but it is audited like any other grant. Returns whether anything changed.
 */
export async function grantRoleBySystem(tx: TxCtx, userId: string, role: Role): Promise<boolean> {
  if (tx.actor.kind !== 'system') throw forbidden('Only the platform itself grants roles this way');
  const inserted = await tx.db
    .insert(roleAssignments)
    .values({ channelId: tx.channelId, userId, role, grantedBy: null, createdAt: tx.clock.now() })
    .onConflictDoNothing()
    .returning({ role: roleAssignments.role });
  if (inserted.length)
    await recordAudit(tx, { action: 'roles.assign', subjectType: 'user', subjectId: userId, data: { role } });
  return inserted.length > 0;
}
