import { z } from 'zod';

const ZBrandOut = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  productCount: z.number().int(),
});

export const ZListBrandsRequestSchema = z.strictObject({});

export const ZListBrandsResponseSchema = z.object({ brands: z.array(ZBrandOut) });

export type TListBrandsRequest = z.infer<typeof ZListBrandsRequestSchema>;
export type TListBrandsResponse = z.infer<typeof ZListBrandsResponseSchema>;
