import { procedure } from '../../../platform/http';
import { moveCategory } from '../categories';
import { ZMoveCategoryRequestSchema, ZMoveCategoryResponseSchema } from './move-category.types';

export const moveCategoryProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/catalog/categories/{id}/move',
      tags: ['catalog'],
      summary: 'Move a category under another parent or to another place among its siblings',
    },
  })
  .input(ZMoveCategoryRequestSchema)
  .output(ZMoveCategoryResponseSchema)
  .mutation(({ ctx, input }) => moveCategory(ctx, input));
