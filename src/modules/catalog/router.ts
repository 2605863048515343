import { router } from '../../platform/http';
import { archiveProductProcedure } from './procedures/archive-product';
import { bulkEditProductsProcedure } from './procedures/bulk-edit-products';
import { createBrandProcedure } from './procedures/create-brand';
import { createCategoryProcedure } from './procedures/create-category';
import { createProductProcedure } from './procedures/create-product';
import { deleteBrandProcedure } from './procedures/delete-brand';
import { deleteCategoryProcedure } from './procedures/delete-category';
import { getProductProcedure } from './procedures/get-product';
import { getStorefrontProductProcedure } from './procedures/get-storefront-product';
import { listBrandsProcedure } from './procedures/list-brands';
import { listCategoriesProcedure } from './procedures/list-categories';
import { listProductsProcedure } from './procedures/list-products';
import { moveCategoryProcedure } from './procedures/move-category';
import { productHistoryProcedure } from './procedures/product-history';
import { publishProductProcedure } from './procedures/publish-product';
import { saveVariantsProcedure } from './procedures/save-variants';
import { searchProductsProcedure } from './procedures/search-products';
import { unpublishProductProcedure } from './procedures/unpublish-product';
import { updateBrandProcedure } from './procedures/update-brand';
import { updateCategoryProcedure } from './procedures/update-category';
import { updateProductProcedure } from './procedures/update-product';

/** The catalog's API: staff edit under products/categories/brands; shoppers read under shop. */
export const catalogRouter = router({
  products: router({
    list: listProductsProcedure,
    get: getProductProcedure,
    history: productHistoryProcedure,
    create: createProductProcedure,
    update: updateProductProcedure,
    saveVariants: saveVariantsProcedure,
    publish: publishProductProcedure,
    unpublish: unpublishProductProcedure,
    archive: archiveProductProcedure,
    bulkEdit: bulkEditProductsProcedure,
  }),
  categories: router({
    list: listCategoriesProcedure,
    create: createCategoryProcedure,
    update: updateCategoryProcedure,
    move: moveCategoryProcedure,
    delete: deleteCategoryProcedure,
  }),
  brands: router({
    list: listBrandsProcedure,
    create: createBrandProcedure,
    update: updateBrandProcedure,
    delete: deleteBrandProcedure,
  }),
  shop: router({
    search: searchProductsProcedure,
    product: getStorefrontProductProcedure,
  }),
});
