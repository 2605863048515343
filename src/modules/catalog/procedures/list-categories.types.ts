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

export const ZListCategoriesRequestSchema = z.strictObject({});

export const ZListCategoriesResponseSchema = z.object({ categories: z.array(ZCategoryOut) });

export type TListCategoriesRequest = z.infer<typeof ZListCategoriesRequestSchema>;
export type TListCategoriesResponse = z.infer<typeof ZListCategoriesResponseSchema>;
