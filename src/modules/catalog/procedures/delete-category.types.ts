import { z } from 'zod';

export const ZDeleteCategoryRequestSchema = z.strictObject({ id: z.uuid() });

export const ZDeleteCategoryResponseSchema = z.object({ deleted: z.literal(true) });

export type TDeleteCategoryRequest = z.infer<typeof ZDeleteCategoryRequestSchema>;
export type TDeleteCategoryResponse = z.infer<typeof ZDeleteCategoryResponseSchema>;
