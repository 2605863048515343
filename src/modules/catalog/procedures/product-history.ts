import { procedure } from '../../../platform/http';
import { productHistory } from '../product-history';
import { ZProductHistoryRequestSchema, ZProductHistoryResponseSchema } from './product-history.types';

export const productHistoryProcedure = procedure('catalog.read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/catalog/products/{id}/history',
      tags: ['catalog'],
      summary: 'Who changed what on a product, newest first',
    },
  })
  .input(ZProductHistoryRequestSchema)
  .output(ZProductHistoryResponseSchema)
  .query(({ ctx, input }) => productHistory(ctx, input));
