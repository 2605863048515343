import { z } from 'zod';

const ZCategoryOut = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
  depth: z.number().int(),
  productCount: z.number().int(),
});

export const ZMoveCategoryRequestSchema = z.strictObject({
  id: z.uuid(),
  parentId: z.uuid().nullable().describe('The new parent; null for the top level'),
  position: z.number().int().min(0).max(10_000).describe('Place among the new siblings, 0 first'),
});

export const ZMoveCategoryResponseSchema = z.object({ categories: z.array(ZCategoryOut) });

export type TMoveCategoryRequest = z.infer<typeof ZMoveCategoryRequestSchema>;
export type TMoveCategoryResponse = z.infer<typeof ZMoveCategoryResponseSchema>;
