/**
 * The roles a person can hold. Fixed by the platform: modules grant their permissions to these roles
 * (a manifest's `roleGrants`), they never invent roles. `customer` is implicit for every signed-in user;
 * the others are granted per channel.
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

/** Roles only a founder may grant or remove. */
export const privilegedRoles: readonly Role[] = ['admin', 'founder'];

export const isRole = (s: string): s is Role => (roles as readonly string[]).includes(s);
