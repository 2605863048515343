import { procedure } from '../../../platform/http';
import { createProduct } from '../create-product';
import { ZCreateProductRequestSchema, ZCreateProductResponseSchema } from './create-product.types';

export const createProductProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/catalog/products',
      tags: ['catalog'],
      summary: 'Create a draft product',
    },
  })
  .input(ZCreateProductRequestSchema)
  .output(ZCreateProductResponseSchema)
  .mutation(({ ctx, input }) => createProduct(ctx, input));
