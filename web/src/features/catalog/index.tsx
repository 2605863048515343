import { defineWebModule } from '../../lib/web-module';
import { CategoriesPage, categoriesQuery } from './categories-page';
import { historyQuery, ProductEditorPage, productQuery } from './product-editor-page';
import { ProductsPage, productsQuery } from './products-page';
import { listingQuery, listingTitle, ShopListingPage } from './shop-listing-page';
import { productHead, ShopProductPage, shopProductQuery } from './shop-product-page';

export default defineWebModule({
  name: 'catalog',
  routes: [
    {
      surface: 'storefront',
      path: 'products',
      element: <ShopListingPage />,
      queries: (trpc, { search }) => [listingQuery(trpc, search)],
      head: ({ search, data, trpc }) => {
        const first = data(listingQuery(trpc, search))?.pages[0];
        const category = first?.facets?.categories.find((c) => c.slug === search.get('category'));
        const filtered = [...search.keys()].some((k) => k !== 'category');
        return {
          title: listingTitle(search, category?.name),
          description: category
            ? `${category.name}: ${first?.total ?? ''} products, with prices, sizes and colours.`.replace(
                ':  0 products',
                '',
              )
            : 'Every product in the shop: search, filter by category, brand and price.',
          // Filters and pages are views of the same list: search engines index the category.
          canonical: category ? `/products?category=${category.slug}` : filtered ? '/products' : undefined,
        };
      },
    },
    {
      surface: 'storefront',
      path: 'products/:slug',
      element: <ShopProductPage />,
      queries: (trpc, { params }) => [shopProductQuery(trpc, params.slug!)],
      head: ({ params, data, trpc }) => productHead(data(shopProductQuery(trpc, params.slug!)), params.slug!),
      notFoundIs404: true,
    },
    {
      surface: 'console',
      path: 'products',
      element: <ProductsPage />,
      permission: 'catalog.read',
      queries: (trpc) => [productsQuery(trpc)],
      head: {
        title: 'Products',
        description: 'Products, variants and prices; bulk status and price changes.',
      },
    },
    {
      surface: 'console',
      path: 'products/:id',
      element: <ProductEditorPage />,
      permission: 'catalog.read',
      queries: (trpc, { params }) => [productQuery(trpc, params.id!), historyQuery(trpc, params.id!)],
      head: ({ params, data, trpc }) => ({
        title: data(productQuery(trpc, params.id!))?.title ?? 'Product',
        description: 'Edit the product: details, variants and prices, status, recent changes.',
      }),
      notFoundIs404: true,
    },
    {
      surface: 'console',
      path: 'categories',
      element: <CategoriesPage />,
      permission: 'catalog.read',
      queries: (trpc) => [categoriesQuery(trpc)],
      head: { title: 'Categories', description: 'The category tree shoppers filter by.' },
    },
  ],
  nav: [
    {
      surface: 'console',
      area: 'Commerce',
      label: 'Products',
      description: 'Products, variants and prices; bulk status and price changes.',
      to: '/console/products',
      permission: 'catalog.read',
      order: 10,
    },
    {
      surface: 'console',
      area: 'Commerce',
      label: 'Categories',
      description: 'The category tree shoppers filter by.',
      to: '/console/categories',
      permission: 'catalog.read',
      order: 20,
    },
  ],
});
