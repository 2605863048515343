import { procedure } from '../../../platform/http';
import { bulkEditProducts } from '../bulk-edit-products';
import { ZBulkEditProductsRequestSchema, ZBulkEditProductsResponseSchema } from './bulk-edit-products.types';

export const bulkEditProductsProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/catalog/products/bulk-edit',
      tags: ['catalog'],
      summary: 'Change the status or prices of several products, all or nothing',
    },
  })
  .input(ZBulkEditProductsRequestSchema)
  .output(ZBulkEditProductsResponseSchema)
  .mutation(({ ctx, input }) => bulkEditProducts(ctx, input));
