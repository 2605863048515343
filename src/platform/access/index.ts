import { defineModule, definePermissions } from '../kit';
import * as schema from './schema';

/** Channels (tenants), the roles people hold in each, and who may open the console and the studio. */
export { ensureDefaultChannel } from './ensure-default-channel';
export { channels, roleAssignments } from './schema';

export const accessPermissions = definePermissions({
  'console.access': 'Open the staff console',
  'studio.access': 'Open the creator studio',
});
declare module '../kit' {
  interface PermissionRegistry extends Record<keyof typeof accessPermissions, true> {}
}

export const accessModule = defineModule({
  name: 'access',
  description: 'Channels (tenants), role assignments per channel, and the surfaces each role may open.',
  schema,
  globalTables: { channels: 'The tenants themselves: every channel_id points at a row here.' },
  permissions: accessPermissions,
  roleGrants: {
    creator: ['studio.access'],
    support: ['console.access'],
    trust_safety: ['console.access'],
    finance: ['console.access'],
    ops: ['console.access'],
    admin: ['console.access', 'studio.access'],
  },
});
