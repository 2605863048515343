import { z } from 'zod';
import { ZSlug } from '../catalog.types';

export const ZUpdateCategoryRequestSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().trim().min(1).max(80).optional(),
  slug: ZSlug.optional(),
  description: z.string().max(2_000).optional(),
});

export const ZUpdateCategoryResponseSchema = z.object({ id: z.string() });

export type TUpdateCategoryRequest = z.infer<typeof ZUpdateCategoryRequestSchema>;
export type TUpdateCategoryResponse = z.infer<typeof ZUpdateCategoryResponseSchema>;
