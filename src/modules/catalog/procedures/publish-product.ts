import { procedure } from '../../../platform/http';
import { publishProduct } from '../change-product-status';
import { ZPublishProductRequestSchema, ZPublishProductResponseSchema } from './publish-product.types';

export const publishProductProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/catalog/products/{id}/publish',
      tags: ['catalog'],
      summary: 'Publish a product on the storefront',
    },
  })
  .input(ZPublishProductRequestSchema)
  .output(ZPublishProductResponseSchema)
  .mutation(({ ctx, input }) => publishProduct(ctx, input));
