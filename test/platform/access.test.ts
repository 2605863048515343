import { describe, expect, it } from 'vitest';
import { type Permission, privilegedRoles, type Role, roles } from '../../src/platform/kit';
import { appRouter } from '../../src/router';
import { permissionsOf, productRegistry } from '../helpers/registry';

const { isPermission, matrix } = productRegistry;
const permissions = [...productRegistry.permissions.keys()];

import { listProcedures } from '../helpers/procedures';

const procedures = listProcedures(appRouter);

describe('every procedure declares who may call it', () => {
  it.each(procedures.map((p) => [p.path, p] as const))(
    '%s declares its access, input and output',
    (_path, p) => {
      expect(p.access, `${p.path} has no access declared`).toBeDefined();
      expect(p.access === 'public' || p.access === 'authenticated' || isPermission(p.access!)).toBe(true);
      expect(p.hasInput, `${p.path} has no .input()`).toBe(true);
      expect(p.hasOutput, `${p.path} has no .output()`).toBe(true);
    },
  );

  it('the router is not empty', () => {
    expect(procedures.length).toBeGreaterThan(0);
  });
});

/** Allowed (✓) and denied (✗) per role for the permissions that matter most. */
const table: Array<[Permission, Record<Role, boolean>]> = [
  [
    'account.manage',
    {
      customer: true,
      creator: true,
      support: true,
      trust_safety: true,
      finance: true,
      ops: true,
      admin: true,
      founder: true,
    },
  ],
  [
    'studio.access',
    {
      customer: false,
      creator: true,
      support: false,
      trust_safety: false,
      finance: false,
      ops: false,
      admin: true,
      founder: true,
    },
  ],
  [
    'console.access',
    {
      customer: false,
      creator: false,
      support: true,
      trust_safety: true,
      finance: true,
      ops: true,
      admin: true,
      founder: true,
    },
  ],
  [
    'users.read',
    {
      customer: false,
      creator: false,
      support: true,
      trust_safety: true,
      finance: false,
      ops: false,
      admin: true,
      founder: true,
    },
  ],
  [
    'roles.assign',
    {
      customer: false,
      creator: false,
      support: false,
      trust_safety: false,
      finance: false,
      ops: false,
      admin: true,
      founder: true,
    },
  ],
  [
    'roles.assignPrivileged',
    {
      customer: false,
      creator: false,
      support: false,
      trust_safety: false,
      finance: false,
      ops: false,
      admin: false,
      founder: true,
    },
  ],
  [
    'audit.read',
    {
      customer: false,
      creator: false,
      support: false,
      trust_safety: true,
      finance: true,
      ops: false,
      admin: true,
      founder: true,
    },
  ],
  [
    'jobs.read',
    {
      customer: false,
      creator: false,
      support: false,
      trust_safety: false,
      finance: false,
      ops: true,
      admin: true,
      founder: true,
    },
  ],
  [
    'jobs.retry',
    {
      customer: false,
      creator: false,
      support: false,
      trust_safety: false,
      finance: false,
      ops: true,
      admin: true,
      founder: true,
    },
  ],
];

describe('the role → permission matrix', () => {
  for (const [permission, byRole] of table) {
    for (const role of roles) {
      it(`${role} ${byRole[role] ? 'may' : 'may not'} ${permission}`, () => {
        expect(permissionsOf([role]).has(permission)).toBe(byRole[role]);
      });
    }
  }

  it('the founder holds every permission', () => {
    expect([...permissionsOf(['founder'])].sort()).toEqual([...permissions].sort());
  });

  it('only the founder may grant the privileged roles', () => {
    expect(privilegedRoles).toEqual(['admin', 'founder']);
    for (const role of roles) expect(matrix[role].has('roles.assignPrivileged')).toBe(role === 'founder');
  });

  it('holding several roles unions their permissions', () => {
    const both = permissionsOf(['support', 'ops']);
    expect(both.has('users.read') && both.has('jobs.retry')).toBe(true);
    expect(both.has('roles.assign')).toBe(false);
  });
});
