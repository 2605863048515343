import { z } from 'zod';
import { ZAttributeInput, ZProductDetailOut, ZSlug } from '../catalog.types';

export const ZCreateProductRequestSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  slug: ZSlug.optional().describe('The address under /products/; made from the title when left out'),
  description: z.string().max(10_000).optional(),
  brandId: z.uuid().nullable().optional(),
  categoryIds: z.array(z.uuid()).max(20).optional(),
  attributes: z.array(ZAttributeInput).max(50).optional(),
});

export const ZCreateProductResponseSchema = ZProductDetailOut;

export type TCreateProductRequest = z.infer<typeof ZCreateProductRequestSchema>;
export type TCreateProductResponse = z.infer<typeof ZCreateProductResponseSchema>;
