import { z } from 'zod';
import { ZProductDetailOut } from '../catalog.types';

export const ZUnpublishProductRequestSchema = z.strictObject({ id: z.uuid() });

export const ZUnpublishProductResponseSchema = ZProductDetailOut;

export type TUnpublishProductRequest = z.infer<typeof ZUnpublishProductRequestSchema>;
export type TUnpublishProductResponse = z.infer<typeof ZUnpublishProductResponseSchema>;
