import { z } from 'zod';
import { roles } from '../../kit';

export const ZListUsersRequestSchema = z.strictObject({
  search: z.string().max(200).optional(),
  role: z.enum(roles).optional(),
  cursor: z.uuid().optional(),
  // Coerced as REST reads it from the query string (trpc-to-openapi would coerce it anyway, in place).
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const ZListUsersResponseSchema = z.object({
  users: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      displayName: z.string(),
      roles: z.array(z.string()),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export type TListUsersRequest = z.infer<typeof ZListUsersRequestSchema>;
export type TListUsersResponse = z.infer<typeof ZListUsersResponseSchema>;
