import { procedure } from '../../../platform/http';
import { listBrands } from '../brands';
import { ZListBrandsRequestSchema, ZListBrandsResponseSchema } from './list-brands.types';

export const listBrandsProcedure = procedure('catalog.read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/catalog/brands',
      tags: ['catalog'],
      summary: 'Brands of this channel, by name',
    },
  })
  .input(ZListBrandsRequestSchema)
  .output(ZListBrandsResponseSchema)
  .query(({ ctx }) => listBrands(ctx));
