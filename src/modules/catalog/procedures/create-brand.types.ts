import { z } from 'zod';
import { ZSlug } from '../catalog.types';

const ZBrandOut = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  productCount: z.number().int(),
});

export const ZCreateBrandRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  slug: ZSlug.optional(),
});

export const ZCreateBrandResponseSchema = ZBrandOut;

export type TCreateBrandRequest = z.infer<typeof ZCreateBrandRequestSchema>;
export type TCreateBrandResponse = z.infer<typeof ZCreateBrandResponseSchema>;
