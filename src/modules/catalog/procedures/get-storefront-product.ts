import { procedure } from '../../../platform/http';
import { getStorefrontProduct } from '../get-storefront-product';
import {
  ZStorefrontProductRequestSchema,
  ZStorefrontProductResponseSchema,
} from './get-storefront-product.types';

export const getStorefrontProductProcedure = procedure('public')
  .meta({
    openapi: {
      method: 'GET',
      path: '/shop/products/{slug}',
      tags: ['shop'],
      summary: 'A published product by its address, with variants and the price each is sold at',
    },
  })
  .input(ZStorefrontProductRequestSchema)
  .output(ZStorefrontProductResponseSchema)
  .query(({ ctx, input }) => getStorefrontProduct(ctx, input));
