import { defineTenancyFixture, must } from '../../../test/helpers/tenancy';

const usd = (amount: string) => ({ amount, currency: 'USD' });

/**
 * Channel B's catalog, made by B's founder through B's API: a brand, a category under another, a published
 * product with a variant and a draft. Channel A's founder reaches none of it by id, slug, search or filter
 * (that A may reuse B's slugs and SKUs is catalog.int.test.ts's).
 */
export const tenancyFixture = defineTenancyFixture({
  async seed(world) {
    const b = world.b.founder.client;
    const brand = must(
      await b.mutate('catalog.brands.create', { name: 'B-MARKER Brand', slug: 'b-marker-brand' }),
      'brand',
    ).data;
    const parent = must(
      await b.mutate('catalog.categories.create', { name: 'B-MARKER Top', slug: 'b-marker-top' }),
      'top',
    ).data;
    const category = must(
      await b.mutate('catalog.categories.create', {
        name: 'B-MARKER Sub',
        slug: 'b-marker-sub',
        parentId: parent.id,
      }),
      'sub',
    ).data;
    const product = must(
      await b.mutate('catalog.products.create', {
        title: 'B-MARKER Lantern',
        slug: 'b-marker-lantern',
        description: 'Only channel B sells this lantern.',
        brandId: brand.id,
        categoryIds: [category.id],
        attributes: [{ key: 'material', value: 'B-MARKER brass' }],
      }),
      'product',
    ).data;
    must(
      await b.mutate('catalog.products.saveVariants', {
        productId: product.id,
        options: [{ name: 'Finish', values: ['Brass'] }],
        variants: [
          {
            sku: 'B-MARKER-SKU-1',
            barcode: '4006381333931',
            price: usd('4500'),
            options: { Finish: 'Brass' },
          },
        ],
      }),
      'variants',
    );
    must(await b.mutate('catalog.products.publish', { id: product.id }), 'publish');
    const draft = must(
      await b.mutate('catalog.products.create', { title: 'B-MARKER Draft Stool' }),
      'draft',
    ).data;
    return {
      brandId: brand.id as string,
      categoryId: category.id as string,
      productId: product.id as string,
      draftId: draft.id as string,
      markers: [
        brand.id,
        category.id,
        parent.id,
        product.id,
        draft.id,
        'b-marker-lantern',
        'B-MARKER-SKU-1',
        '4006381333931',
      ],
    };
  },

  probes: (b) => ({
    'catalog.products.list': [
      { name: 'everything', input: {}, status: 200 },
      { name: "B's title", input: { search: 'Lantern' }, status: 200 },
      { name: "B's SKU", input: { search: 'B-MARKER-SKU' }, status: 200 },
      { name: 'drafts', input: { status: 'draft' }, status: 200 },
    ],
    'catalog.products.get': [
      { name: "B's product", input: { id: b.productId }, status: 404 },
      { name: "B's draft", input: { id: b.draftId }, status: 404 },
    ],
    'catalog.products.history': { input: { id: b.productId }, status: 404 },
    'catalog.products.create': [
      { name: "with B's brand", input: { title: 'Probe', brandId: b.brandId }, status: 404 },
      { name: "in B's category", input: { title: 'Probe', categoryIds: [b.categoryId] }, status: 404 },
    ],
    'catalog.products.update': [
      { name: "B's product", input: { id: b.productId, title: 'Taken over' }, status: 404 },
      { name: "B's draft", input: { id: b.draftId, description: 'x' }, status: 404 },
    ],
    'catalog.products.saveVariants': [
      { name: "B's product", input: { productId: b.productId, options: [], variants: [] }, status: 404 },
    ],
    'catalog.products.publish': { input: { id: b.draftId }, status: 404 },
    'catalog.products.unpublish': { input: { id: b.productId }, status: 404 },
    'catalog.products.archive': { input: { id: b.productId }, status: 404 },
    'catalog.products.bulkEdit': [
      { name: 'status', input: { ids: [b.productId], status: 'archived' }, status: 404 },
      { name: 'price', input: { ids: [b.productId, b.draftId], price: usd('1') }, status: 404 },
    ],
    'catalog.categories.list': { input: {}, status: 200 },
    'catalog.categories.create': { input: { name: 'Probe', parentId: b.categoryId }, status: 404 },
    'catalog.categories.update': { input: { id: b.categoryId, name: 'Taken over' }, status: 404 },
    'catalog.categories.move': { input: { id: b.categoryId, parentId: null, position: 0 }, status: 404 },
    'catalog.categories.delete': { input: { id: b.categoryId }, status: 404 },
    'catalog.brands.list': { input: {}, status: 200 },
    'catalog.brands.create': {
      prepare: async () => ({ name: `Probe brand ${Math.random().toString(36).slice(2)}` }),
      status: 200,
    },
    'catalog.brands.update': { input: { id: b.brandId, name: 'Taken over' }, status: 404 },
    'catalog.brands.delete': { input: { id: b.brandId }, status: 404 },
    'catalog.shop.search': [
      { name: 'everything', input: {}, status: 200 },
      { name: "B's words", input: { q: 'lantern brass' }, status: 200 },
      { name: "B's words with a typo", input: { q: 'lanturn' }, status: 200 },
      {
        name: "B's category",
        input: { category: 'b-marker-sub' },
        status: 400,
        why: 'no such category in A',
      },
      { name: "B's brand", input: { brand: 'b-marker-brand' }, status: 400, why: 'no such brand in A' },
    ],
    'catalog.shop.product': { input: { slug: 'b-marker-lantern' }, status: 404 },
  }),
});
