import { procedure } from '../../../platform/http';
import { deleteCategory } from '../categories';
import { ZDeleteCategoryRequestSchema, ZDeleteCategoryResponseSchema } from './delete-category.types';

export const deleteCategoryProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/catalog/categories/{id}',
      tags: ['catalog'],
      summary: 'Delete a category without subcategories',
    },
  })
  .input(ZDeleteCategoryRequestSchema)
  .output(ZDeleteCategoryResponseSchema)
  .mutation(({ ctx, input }) => deleteCategory(ctx, input));
