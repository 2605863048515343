import { z } from 'zod';
import { ZProductDetailOut } from '../catalog.types';

export const ZArchiveProductRequestSchema = z.strictObject({ id: z.uuid() });

export const ZArchiveProductResponseSchema = ZProductDetailOut;

export type TArchiveProductRequest = z.infer<typeof ZArchiveProductRequestSchema>;
export type TArchiveProductResponse = z.infer<typeof ZArchiveProductResponseSchema>;
