import { procedure } from '../../../platform/http';
import { updateProduct } from '../update-product';
import { ZUpdateProductRequestSchema, ZUpdateProductResponseSchema } from './update-product.types';

export const updateProductProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/catalog/products/{id}',
      tags: ['catalog'],
      summary: 'Change some of a product’s fields',
    },
  })
  .input(ZUpdateProductRequestSchema)
  .output(ZUpdateProductResponseSchema)
  .mutation(({ ctx, input }) => updateProduct(ctx, input));
