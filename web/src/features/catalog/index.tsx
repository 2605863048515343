import { defineWebModule } from '../../lib/web-module';
import { CategoriesPage, categoriesQuery } from './categories-page';
import { historyQuery, ProductEditorPage, productQuery } from './product-editor-page';
import { ProductsPage, productsQuery } from './products-page';

export default defineWebModule({
  name: 'catalog',
  routes: [
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
