import { procedure } from '../../../platform/http';
import { listProducts } from '../list-products';
import { ZListProductsRequestSchema, ZListProductsResponseSchema } from './list-products.types';

export const listProductsProcedure = procedure('catalog.read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/catalog/products',
      tags: ['catalog'],
      summary: 'Products of this channel, every status, newest first',
    },
  })
  .input(ZListProductsRequestSchema)
  .output(ZListProductsResponseSchema)
  .query(({ ctx, input }) => listProducts(ctx, input));
