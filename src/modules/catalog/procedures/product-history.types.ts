import { z } from 'zod';
import { ZAuditEntrySchema } from '../../../platform/audit';

export const ZProductHistoryRequestSchema = z.strictObject({
  id: z.uuid(),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'Use the nextCursor value of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const ZProductHistoryResponseSchema = z.object({
  entries: z.array(ZAuditEntrySchema),
  nextCursor: z.string().nullable(),
});

export type TProductHistoryRequest = z.infer<typeof ZProductHistoryRequestSchema>;
export type TProductHistoryResponse = z.infer<typeof ZProductHistoryResponseSchema>;
