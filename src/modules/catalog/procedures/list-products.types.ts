import { z } from 'zod';
import { ZProductStatus, ZProductSummaryOut } from '../catalog.types';

export const ZListProductsRequestSchema = z.strictObject({
  search: z.string().max(200).optional().describe('Part of the title or a SKU, any case'),
  status: ZProductStatus.optional(),
  cursor: z.uuid().optional().describe('nextCursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const ZListProductsResponseSchema = z.object({
  products: z.array(ZProductSummaryOut),
  nextCursor: z.string().nullable(),
});

export type TListProductsRequest = z.infer<typeof ZListProductsRequestSchema>;
export type TListProductsResponse = z.infer<typeof ZListProductsResponseSchema>;
