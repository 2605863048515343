import { procedure } from '../../../platform/http';
import { createBrand } from '../brands';
import { ZCreateBrandRequestSchema, ZCreateBrandResponseSchema } from './create-brand.types';

export const createBrandProcedure = procedure('catalog.write')
  .meta({
    openapi: { method: 'POST', path: '/catalog/brands', tags: ['catalog'], summary: 'Create a brand' },
  })
  .input(ZCreateBrandRequestSchema)
  .output(ZCreateBrandResponseSchema)
  .mutation(({ ctx, input }) => createBrand(ctx, input));
