import { z } from 'zod';
import { ZProductDetailOut } from '../catalog.types';

export const ZGetProductRequestSchema = z.strictObject({ id: z.uuid() });

export const ZGetProductResponseSchema = ZProductDetailOut;

export type TGetProductRequest = z.infer<typeof ZGetProductRequestSchema>;
export type TGetProductResponse = z.infer<typeof ZGetProductResponseSchema>;
