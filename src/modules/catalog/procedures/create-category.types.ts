import { z } from 'zod';
import { ZSlug } from '../catalog.types';

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

export const ZCreateCategoryRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  slug: ZSlug.optional(),
  description: z.string().max(2_000).optional(),
  parentId: z.uuid().nullable().optional(),
});

export const ZCreateCategoryResponseSchema = ZCategoryOut;

export type TCreateCategoryRequest = z.infer<typeof ZCreateCategoryRequestSchema>;
export type TCreateCategoryResponse = z.infer<typeof ZCreateCategoryResponseSchema>;
