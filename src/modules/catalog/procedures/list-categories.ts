import { procedure } from '../../../platform/http';
import { listCategories } from '../categories';
import { ZListCategoriesRequestSchema, ZListCategoriesResponseSchema } from './list-categories.types';

export const listCategoriesProcedure = procedure('catalog.read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/catalog/categories',
      tags: ['catalog'],
      summary: 'The category tree in display order',
    },
  })
  .input(ZListCategoriesRequestSchema)
  .output(ZListCategoriesResponseSchema)
  .query(({ ctx }) => listCategories(ctx));
