import { procedure } from '../../../platform/http';
import { deleteBrand } from '../brands';
import { ZDeleteBrandRequestSchema, ZDeleteBrandResponseSchema } from './delete-brand.types';

export const deleteBrandProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/catalog/brands/{id}',
      tags: ['catalog'],
      summary: 'Delete a brand no product carries',
    },
  })
  .input(ZDeleteBrandRequestSchema)
  .output(ZDeleteBrandResponseSchema)
  .mutation(({ ctx, input }) => deleteBrand(ctx, input));
