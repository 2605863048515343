import { procedure } from '../../http';
import { removeRole } from '../change-role';
import { ZChangeRoleRequestSchema, ZChangeRoleResponseSchema } from './change-role.types';

export const removeRoleProcedure = procedure('roles.assign')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/users/{userId}/roles/{role}',
      tags: ['users'],
      summary: 'Remove a role',
    },
  })
  .input(ZChangeRoleRequestSchema)
  .output(ZChangeRoleResponseSchema)
  .mutation(({ ctx, input }) => removeRole(ctx, input));
