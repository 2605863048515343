import { z } from 'zod';
import { ZOptionInput, ZProductDetailOut, ZVariantInput } from '../catalog.types';

export const ZSaveVariantsRequestSchema = z.strictObject({
  productId: z.uuid(),
  options: z.array(ZOptionInput).max(3),
  variants: z.array(ZVariantInput).max(250),
});

export const ZSaveVariantsResponseSchema = ZProductDetailOut;

export type TSaveVariantsRequest = z.infer<typeof ZSaveVariantsRequestSchema>;
export type TSaveVariantsResponse = z.infer<typeof ZSaveVariantsResponseSchema>;
