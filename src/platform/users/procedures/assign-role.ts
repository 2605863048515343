import { procedure } from '../../http';
import { assignRole } from '../change-role';
import { ZChangeRoleRequestSchema, ZChangeRoleResponseSchema } from './change-role.types';

export const assignRoleProcedure = procedure('roles.assign')
  .meta({
    openapi: { method: 'POST', path: '/users/{userId}/roles', tags: ['users'], summary: 'Grant a role' },
  })
  .input(ZChangeRoleRequestSchema)
  .output(ZChangeRoleResponseSchema)
  .mutation(({ ctx, input }) => assignRole(ctx, input));
