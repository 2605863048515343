import { z } from 'zod';
import { ZAttributeInput, ZProductDetailOut, ZSlug } from '../catalog.types';

export const ZUpdateProductRequestSchema = z.strictObject({
  id: z.uuid(),
  title: z.string().trim().min(1).max(200).optional(),
  slug: ZSlug.optional(),
  description: z.string().max(10_000).optional(),
  brandId: z.uuid().nullable().optional(),
  categoryIds: z.array(z.uuid()).max(20).optional(),
  attributes: z.array(ZAttributeInput).max(50).optional(),
});

export const ZUpdateProductResponseSchema = ZProductDetailOut;

export type TUpdateProductRequest = z.infer<typeof ZUpdateProductRequestSchema>;
export type TUpdateProductResponse = z.infer<typeof ZUpdateProductResponseSchema>;
