import { z } from 'zod';

export const ZVerifyAuditRequestSchema = z.strictObject({});

export const ZVerifyAuditResponseSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
});

export type TVerifyAuditResponse = z.infer<typeof ZVerifyAuditResponseSchema>;
