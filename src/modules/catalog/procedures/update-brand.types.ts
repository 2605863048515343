import { z } from 'zod';
import { ZSlug } from '../catalog.types';

export const ZUpdateBrandRequestSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().trim().min(1).max(80).optional(),
  slug: ZSlug.optional(),
});

export const ZUpdateBrandResponseSchema = z.object({ id: z.string() });

export type TUpdateBrandRequest = z.infer<typeof ZUpdateBrandRequestSchema>;
export type TUpdateBrandResponse = z.infer<typeof ZUpdateBrandResponseSchema>;
