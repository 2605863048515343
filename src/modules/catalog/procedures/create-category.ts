import { procedure } from '../../../platform/http';
import { createCategory } from '../categories';
import { ZCreateCategoryRequestSchema, ZCreateCategoryResponseSchema } from './create-category.types';

export const createCategoryProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/catalog/categories',
      tags: ['catalog'],
      summary: 'Create a category (at the end of its parent’s list)',
    },
  })
  .input(ZCreateCategoryRequestSchema)
  .output(ZCreateCategoryResponseSchema)
  .mutation(({ ctx, input }) => createCategory(ctx, input));
