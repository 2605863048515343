import { defineModule } from '../../platform/kit';
import { catalogPermissions } from './permissions';
import { catalogRouter } from './router';
import * as schema from './schema';
import { catalogSeeder } from './seed-catalog';

/**
 * The catalog: products with options and variants, categories as a tree, brands and attributes, and the
 * storefront's search and product pages. The reference module: docs/modules.md points here.
 * What other modules may use is exported below; nothing else in this folder is theirs to import.
 */
export { getProduct } from './get-product';
export { catalogPermissions } from './permissions';
export { listPricing, type PricedItem, type PricingStrategy, priceOf, setPricingStrategy } from './pricing';

export const catalogModule = defineModule({
  name: 'catalog',
  description: 'Products, variants, categories and brands; storefront search with facets and product pages.',
  router: { catalog: catalogRouter },
  schema,
  permissions: catalogPermissions,
  roleGrants: {
    support: ['catalog.read'],
    trust_safety: ['catalog.read'],
    finance: ['catalog.read'],
    ops: ['catalog.read', 'catalog.write'],
    admin: ['catalog.read', 'catalog.write'],
  },
  seeders: [catalogSeeder],
});
