import { defineModule, definePermissions } from '../kit';
import { usersRouter } from './router';
import { accountsSeeder } from './seed-accounts';

/** Users and roles: the console's list of a channel's accounts, granting and removing roles, demo accounts. */
export { assignRole, grantRoleBySystem, removeRole } from './change-role';
export { inChannel, listUsers, rolesByUser } from './list-users';

export const usersPermissions = definePermissions({
  'users.read': "See the channel's accounts and the roles they hold",
  'roles.assign': 'Grant and remove roles other than admin and founder',
  'roles.assignPrivileged': 'Grant and remove the admin and founder roles',
});
declare module '../kit' {
  interface PermissionRegistry extends Record<keyof typeof usersPermissions, true> {}
}

export const usersModule = defineModule({
  name: 'users',
  description: "The console's users and roles: find a channel's accounts, grant and remove roles.",
  router: { users: usersRouter },
  permissions: usersPermissions,
  roleGrants: {
    support: ['users.read'],
    trust_safety: ['users.read'],
    admin: ['users.read', 'roles.assign'],
  },
  seeders: [accountsSeeder],
});
