import { procedure } from '../../http';
import { listUsers } from '../list-users';
import { ZListUsersRequestSchema, ZListUsersResponseSchema } from './list-users.types';

export const listUsersProcedure = procedure('users.read')
  .meta({
    openapi: { method: 'GET', path: '/users', tags: ['users'], summary: 'Accounts of this channel' },
  })
  .input(ZListUsersRequestSchema)
  .output(ZListUsersResponseSchema)
  .query(({ ctx, input }) => listUsers(ctx, input));
