/**
 * The one role → permission matrix. Every procedure declares one permission from this list
 * (or `public` / `authenticated`); a test walks the router and fails on any procedure without one.
 */
export const roles = [
  'customer',
  'creator',
  'support',
  'trust_safety',
  'finance',
  'ops',
  'admin',
  'founder',
] as const;
export type Role = (typeof roles)[number];

/** Roles that make a user staff: they may open the console. */
export const staffRoles: readonly Role[] = ['support', 'trust_safety', 'finance', 'ops', 'admin', 'founder'];

export const permissions = [
  'account.manage', // own profile, sessions, passkeys
  'apiKeys.manage', // own API keys in the channel
  'studio.access',
  'console.access',
  'users.read',
  'roles.assign', // grant/remove non-privileged roles
  'roles.assignPrivileged', // grant/remove admin and founder: founder only
  'audit.read',
  'audit.verify',
  'jobs.read',
  'jobs.retry',
] as const;
export type Permission = (typeof permissions)[number];

const staffBase: Permission[] = ['account.manage', 'apiKeys.manage', 'console.access'];

export const matrix: Record<Role, readonly Permission[]> = {
  customer: ['account.manage'],
  creator: ['account.manage', 'apiKeys.manage', 'studio.access'],
  support: [...staffBase, 'users.read'],
  trust_safety: [...staffBase, 'users.read', 'audit.read'],
  finance: [...staffBase, 'audit.read'],
  ops: [...staffBase, 'jobs.read', 'jobs.retry'],
  admin: [
    ...staffBase,
    'studio.access',
    'users.read',
    'roles.assign',
    'audit.read',
    'audit.verify',
    'jobs.read',
    'jobs.retry',
  ],
  founder: [...permissions],
};

/** Roles only a founder may grant or remove. */
export const privilegedRoles: readonly Role[] = ['admin', 'founder'];

export function permissionsOf(heldRoles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of heldRoles) for (const p of matrix[r]) out.add(p);
  return out;
}

export const isRole = (s: string): s is Role => (roles as readonly string[]).includes(s);
export const isPermission = (s: string): s is Permission => (permissions as readonly string[]).includes(s);
