import { procedure } from '../../../platform/http';
import { saveVariants } from '../save-variants';
import { ZSaveVariantsRequestSchema, ZSaveVariantsResponseSchema } from './save-variants.types';

export const saveVariantsProcedure = procedure('catalog.write')
  .meta({
    openapi: {
      method: 'PUT',
      path: '/catalog/products/{productId}/variants',
      tags: ['catalog'],
      summary: 'Set a product’s options and variants (the whole set)',
    },
  })
  .input(ZSaveVariantsRequestSchema)
  .output(ZSaveVariantsResponseSchema)
  .mutation(({ ctx, input }) => saveVariants(ctx, input));
