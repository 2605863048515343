import { router } from '../http';
import { assignRoleProcedure } from './procedures/assign-role';
import { listUsersProcedure } from './procedures/list-users';
import { removeRoleProcedure } from './procedures/remove-role';

export const usersRouter = router({
  list: listUsersProcedure,
  assignRole: assignRoleProcedure,
  removeRole: removeRoleProcedure,
});
