export type { Permission } from '../../../src/platform/kit';
