import { z } from 'zod';
import { ZMoney } from '../../../platform/money';
import { ZProductStatus } from '../catalog.types';

export const ZBulkEditProductsRequestSchema = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(500),
  status: ZProductStatus.optional(),
  price: ZMoney.optional().describe('Every variant of each product gets this price'),
  priceChangePercent: z
    .string()
    .regex(/^-?[0-9]{1,3}(\.[0-9]{1,2})?$/, 'Write the change as a percentage such as "-10" or "12.5"')
    .optional()
    .describe('Every variant price changes by this percentage, rounded half-even'),
});

export const ZBulkEditProductsResponseSchema = z.object({ changed: z.number().int() });

export type TBulkEditProductsRequest = z.infer<typeof ZBulkEditProductsRequestSchema>;
export type TBulkEditProductsResponse = z.infer<typeof ZBulkEditProductsResponseSchema>;
