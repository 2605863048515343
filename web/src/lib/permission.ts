export type { Permission } from '../../../src/platform/access/permissions';
