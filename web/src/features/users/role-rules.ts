import { privilegedRoles, type Role } from '../../../../src/platform/kit/roles';
import type { Permission } from '../../lib/permission';

export interface RoleChange {
  can: (permission: Permission) => boolean;
  viewerId: string | undefined;
  userId: string;
  role: Role;
}

/**
 * The server's rules for granting or removing a role (src/platform/access/change-role.ts), mirrored so
 * nobody is offered a control that would be refused. The server stays the authority.
 */
export function mayChangeRole({ can, viewerId, userId, role }: RoleChange): boolean {
  if (role === 'customer') return false; // implicit for every account
  if (!can('roles.assign')) return false;
  if (privilegedRoles.includes(role) && !can('roles.assignPrivileged')) return false;
  return viewerId !== userId; // nobody changes their own roles
}

/** Removing also keeps the channel's last founder: `founders` is how many the channel has (2 means "2 or more"). */
export function mayRemoveRole(change: RoleChange & { founders: number | undefined }): boolean {
  if (change.role === 'founder' && (change.founders ?? 0) < 2) return false;
  return mayChangeRole(change);
}
