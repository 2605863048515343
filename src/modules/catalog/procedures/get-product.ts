import { procedure } from '../../../platform/http';
import { getProduct } from '../get-product';
import { ZGetProductRequestSchema, ZGetProductResponseSchema } from './get-product.types';

export const getProductProcedure = procedure('catalog.read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/catalog/products/{id}',
      tags: ['catalog'],
      summary: 'One product with its options, variants, categories and attributes',
    },
  })
  .input(ZGetProductRequestSchema)
  .output(ZGetProductResponseSchema)
  .query(({ ctx, input }) => getProduct(ctx, input));
