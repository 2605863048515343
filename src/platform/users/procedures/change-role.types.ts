import { z } from 'zod';
import { roles } from '../../kit';

/** Every role but customer, which every account holds implicitly. */
const ZAssignableRole = z.enum(roles.filter((r) => r !== 'customer') as [string, ...string[]]);

export const ZChangeRoleRequestSchema = z.strictObject({ userId: z.uuid(), role: ZAssignableRole });
export const ZChangeRoleResponseSchema = z.object({ roles: z.array(z.string()) });

export type TChangeRoleRequest = z.infer<typeof ZChangeRoleRequestSchema>;
export type TChangeRoleResponse = z.infer<typeof ZChangeRoleResponseSchema>;
