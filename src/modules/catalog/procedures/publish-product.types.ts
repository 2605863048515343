import { z } from 'zod';
import { ZProductDetailOut } from '../catalog.types';

export const ZPublishProductRequestSchema = z.strictObject({ id: z.uuid() });

export const ZPublishProductResponseSchema = ZProductDetailOut;

export type TPublishProductRequest = z.infer<typeof ZPublishProductRequestSchema>;
export type TPublishProductResponse = z.infer<typeof ZPublishProductResponseSchema>;
