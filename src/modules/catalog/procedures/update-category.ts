import { procedure } from '../../../platform/http';
import { updateCategory } from '../categories';
import { ZUpdateCategoryRequestSchema, ZUpdateCategoryResponseSchema } from './update-category.types';

export const updateCategoryProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/catalog/categories/{id}',
      tags: ['catalog'],
      summary: 'Rename a category or change its address',
    },
  })
  .input(ZUpdateCategoryRequestSchema)
  .output(ZUpdateCategoryResponseSchema)
  .mutation(({ ctx, input }) => updateCategory(ctx, input));
