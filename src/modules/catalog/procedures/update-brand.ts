import { procedure } from '../../../platform/http';
import { updateBrand } from '../brands';
import { ZUpdateBrandRequestSchema, ZUpdateBrandResponseSchema } from './update-brand.types';

export const updateBrandProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/catalog/brands/{id}',
      tags: ['catalog'],
      summary: 'Rename a brand or change its address',
    },
  })
  .input(ZUpdateBrandRequestSchema)
  .output(ZUpdateBrandResponseSchema)
  .mutation(({ ctx, input }) => updateBrand(ctx, input));
