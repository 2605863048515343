import { z } from 'zod';

export const ZDeleteBrandRequestSchema = z.strictObject({ id: z.uuid() });

export const ZDeleteBrandResponseSchema = z.object({ deleted: z.literal(true) });

export type TDeleteBrandRequest = z.infer<typeof ZDeleteBrandRequestSchema>;
export type TDeleteBrandResponse = z.infer<typeof ZDeleteBrandResponseSchema>;
