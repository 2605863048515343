import { procedure } from '../../../platform/http';
import { unpublishProduct } from '../change-product-status';
import { ZUnpublishProductRequestSchema, ZUnpublishProductResponseSchema } from './unpublish-product.types';

export const unpublishProductProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/catalog/products/{id}/unpublish',
      tags: ['catalog'],
      summary: 'Take a product off the storefront (back to draft)',
    },
  })
  .input(ZUnpublishProductRequestSchema)
  .output(ZUnpublishProductResponseSchema)
  .mutation(({ ctx, input }) => unpublishProduct(ctx, input));
