import { procedure } from '../../../platform/http';
import { archiveProduct } from '../change-product-status';
import { ZArchiveProductRequestSchema, ZArchiveProductResponseSchema } from './archive-product.types';

export const archiveProductProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/catalog/products/{id}/archive',
      tags: ['catalog'],
      summary: 'Archive a product',
    },
  })
  .input(ZArchiveProductRequestSchema)
  .output(ZArchiveProductResponseSchema)
  .mutation(({ ctx, input }) => archiveProduct(ctx, input));
