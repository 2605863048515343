import { procedure } from '../../../platform/http';
import { searchProducts } from '../search-products';
import { ZSearchProductsRequestSchema, ZSearchProductsResponseSchema } from './search-products.types';

export const searchProductsProcedure = procedure('public')
  .meta({
    openapi: {
      method: 'GET',
      path: '/shop/products',
      tags: ['shop'],
      summary: 'Published products: search, filters with facet counts, sorts, keyset pages',
    },
  })
  .input(ZSearchProductsRequestSchema)
  .output(ZSearchProductsResponseSchema)
  .query(({ ctx, input }) => searchProducts(ctx, input));
