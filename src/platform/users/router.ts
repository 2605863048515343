import { z } from 'zod';
import { procedure, router } from '../http';
import { roles } from '../kit';
import { assignRole, removeRole } from './change-role';
import { listUsers } from './list-users';

const ZRoles = z.object({ roles: z.array(z.string()) });
const ZAssignable = z.enum(roles.filter((r) => r !== 'customer') as [string, ...string[]]);

export const usersRouter = router({
  list: procedure('users.read')
    .meta({
      openapi: { method: 'GET', path: '/users', tags: ['users'], summary: 'Accounts of this channel' },
    })
    .input(
      z.strictObject({
        search: z.string().max(200).optional(),
        role: z.enum(roles).optional(),
        cursor: z.uuid().optional(),
        limit: z.number().int().min(1).max(100).optional(),
      }),
    )
    .output(
      z.object({
        users: z.array(
          z.object({
            id: z.string(),
            email: z.string(),
            displayName: z.string(),
            roles: z.array(z.string()),
            createdAt: z.string(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listUsers(ctx, input)),

  assignRole: procedure('roles.assign')
    .meta({
      openapi: { method: 'POST', path: '/users/{userId}/roles', tags: ['users'], summary: 'Grant a role' },
    })
    .input(z.strictObject({ userId: z.uuid(), role: ZAssignable }))
    .output(ZRoles)
    .mutation(({ ctx, input }) => assignRole(ctx, input)),

  removeRole: procedure('roles.assign')
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/users/{userId}/roles/{role}',
        tags: ['users'],
        summary: 'Remove a role',
      },
    })
    .input(z.strictObject({ userId: z.uuid(), role: ZAssignable }))
    .output(ZRoles)
    .mutation(({ ctx, input }) => removeRole(ctx, input)),
});
