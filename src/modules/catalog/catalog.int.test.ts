import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/helpers/app';
import { createAccount, sessionFor } from '../../../test/helpers/users';
import { auditLog } from '../../platform/audit';
import { products } from './schema';
import { makeBrand, makeCategory, makeProduct, ok, usd } from './test-helpers';

const search = (client: TestClient, input: Record<string, unknown>) =>
  client.query('catalog.shop.search', input);
const titles = (data: { products: { title: string }[] }) => data.products.map((p) => p.title);

describe('catalog on the embedded database', () => {
  let app: TestApp;
  let staff: TestClient;
  let shopper: TestClient;

  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api' } });
    const account = await createAccount(app, { roles: ['ops'] });
    staff = (await sessionFor(app, account.userId)).client;
    shopper = app.client();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('search ranks a title hit above a brand hit above a description hit, and a one-letter typo still finds it', async () => {
    const brand = await makeBrand(staff, 'Alpaca House');
    await makeProduct(staff, { title: 'Knitted Scarf', description: 'Soft alpaca blend, hand finished.' });
    await makeProduct(staff, { title: 'Wool Beanie', brandId: brand.id, description: 'Ribbed and warm.' });
    await makeProduct(staff, { title: 'Alpaca Throw Blanket', description: 'Heavy and warm.' });
    const hits = await ok(search(shopper, { q: 'alpaca' }), 'search');
    expect(titles(hits)).toEqual(['Alpaca Throw Blanket', 'Wool Beanie', 'Knitted Scarf']);

    const typo = await ok(search(shopper, { q: 'alpacca' }), 'typo');
    expect(titles(typo)[0]).toBe('Alpaca Throw Blanket');
    const missing = await ok(search(shopper, { q: 'blanet' }), 'typo with a letter missing');
    expect(titles(missing)).toContain('Alpaca Throw Blanket');
    // Prefix: what someone has typed so far.
    expect(titles(await ok(search(shopper, { q: 'blank' }), 'prefix'))).toContain('Alpaca Throw Blanket');
  });

  it('facet counts follow the other filters, and a category includes its descendants', async () => {
    const clothing = await makeCategory(staff, 'Clothing');
    const shirts = await makeCategory(staff, 'Shirts', clothing);
    const knitwear = await makeCategory(staff, 'Knitwear', clothing);
    const home = await makeCategory(staff, 'Home');
    const acme = await makeBrand(staff, 'Acme Facets');
    const nova = await makeBrand(staff, 'Nova Facets');
    await makeProduct(staff, {
      title: 'Oxford Shirt',
      categoryIds: [shirts],
      brandId: acme.id,
      prices: [4000],
    });
    await makeProduct(staff, {
      title: 'Linen Shirt',
      categoryIds: [shirts],
      brandId: nova.id,
      prices: [5000],
    });
    await makeProduct(staff, {
      title: 'Cable Jumper',
      categoryIds: [knitwear],
      brandId: acme.id,
      prices: [9000],
    });
    await makeProduct(staff, {
      title: 'Cushion Cover',
      categoryIds: [home],
      brandId: acme.id,
      prices: [2000],
    });
    await makeProduct(staff, {
      title: 'Draft Shirt',
      categoryIds: [shirts],
      brandId: acme.id,
      publish: false,
    });

    const all = await ok(search(shopper, { category: 'clothing' }), 'clothing');
    expect(titles(all).sort()).toEqual(['Cable Jumper', 'Linen Shirt', 'Oxford Shirt']);
    expect(all.total).toBe(3);
    const count = (data: any, slug: string) =>
      data.facets.categories.find((c: any) => c.slug === slug)?.count;
    const brandCount = (data: any, slug: string) =>
      data.facets.brands.find((b: any) => b.slug === slug)?.count;
    expect(count(all, 'clothing')).toBe(3);
    expect(count(all, 'shirts')).toBe(2);
    expect(count(all, 'home')).toBe(1); // what choosing Home instead would give
    expect(brandCount(all, acme.slug)).toBe(2); // within clothing
    expect(brandCount(all, nova.slug)).toBe(1);

    const acmeOnly = await ok(
      search(shopper, { category: 'clothing', brand: acme.slug }),
      'clothing by acme',
    );
    expect(titles(acmeOnly).sort()).toEqual(['Cable Jumper', 'Oxford Shirt']);
    expect(count(acmeOnly, 'shirts')).toBe(1);
    expect(count(acmeOnly, 'home')).toBe(1);
    expect(brandCount(acmeOnly, nova.slug)).toBe(1); // brands still show what the other choice would give

    const cheap = await ok(search(shopper, { category: 'clothing', priceMax: '5000' }), 'up to 50.00');
    expect(titles(cheap).sort()).toEqual(['Linen Shirt', 'Oxford Shirt']);
    expect(cheap.facets.price).toEqual({ min: usd(4000), max: usd(9000) });
  });

  it('sorts by price, name and newest', async () => {
    const cat = await makeCategory(staff, 'Sort Test');
    await makeProduct(staff, { title: 'Banana Bag', categoryIds: [cat], prices: [3000, 2500] });
    await makeProduct(staff, { title: 'apple Apron', categoryIds: [cat], prices: [1000] });
    await makeProduct(staff, { title: 'Cherry Cap', categoryIds: [cat], prices: [2000] });
    const by = async (sort: string) =>
      titles(await ok(search(shopper, { category: 'sort-test', sort }), sort));
    expect(await by('price_asc')).toEqual(['apple Apron', 'Cherry Cap', 'Banana Bag']);
    expect(await by('price_desc')).toEqual(['Banana Bag', 'Cherry Cap', 'apple Apron']);
    expect(await by('name')).toEqual(['apple Apron', 'Banana Bag', 'Cherry Cap']);
    expect(await by('newest')).toEqual(['Cherry Cap', 'apple Apron', 'Banana Bag']);
    const cards = await ok(search(shopper, { category: 'sort-test', sort: 'price_asc' }), 'cards');
    expect(cards.products[2]).toMatchObject({ price: usd(2500), maxPrice: usd(3000) });
  });

  it('bad filters are a 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ priceMin: '-1' }, 'priceMin'],
      [{ priceMin: '5000', priceMax: '100' }, 'priceMax'],
      [{ limit: 49 }, 'limit'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ category: 'no-such-category' }, 'category'],
      [{ brand: 'no-such-brand' }, 'brand'],
      [{ sort: 'relevance' }, 'sort'],
      [{ sort: 'cheapest' }, 'sort'],
    ];
    for (const [input, field] of cases) {
      const r = await search(shopper, input);
      expect(r.status, JSON.stringify(input)).toBe(400);
      expect(r.error.data.field, JSON.stringify(input)).toBe(field);
    }
    const rest = await shopper.request('GET', '/api/v1/shop/products?priceMin=-5');
    expect(rest.status).toBe(400);
  });

  it('a cursor edited by hand, or taken to another search, is refused', async () => {
    const cat = await makeCategory(staff, 'Cursor Test');
    for (const t of ['One', 'Two', 'Three'])
      await makeProduct(staff, { title: `Cursor ${t}`, categoryIds: [cat] });
    const first = await ok(search(shopper, { category: 'cursor-test', limit: 1 }), 'first page');
    const cursor: string = first.nextCursor;
    const [body, mac] = cursor.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(body!, 'base64url').toString()),
        k: ['2000-01-01', first.products[0].id],
      }),
    ).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${body}.${mac!.slice(1)}A`])
      expect(
        (await search(shopper, { category: 'cursor-test', limit: 1, cursor: bad })).error.data.field,
      ).toBe('cursor');
    const elsewhere = await search(shopper, { category: 'cursor-test', limit: 1, cursor, sort: 'name' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.error.data.field).toBe('cursor');
    expect((await search(shopper, { category: 'cursor-test', limit: 1, cursor })).status).toBe(200);
  });

  it("variants: a combination twice, a value the option does not list, or another product's SKU is refused naming the field", async () => {
    const p = await makeProduct(staff, { title: 'Variant Rules Tee', publish: false });
    const other = await makeProduct(staff, { title: 'Other Tee', publish: false });
    const otherSku = (await ok(staff.query('catalog.products.get', { id: other.id }), 'other')).variants[0]
      .sku;
    const options = [
      { name: 'Size', values: ['S', 'M'] },
      { name: 'Colour', values: ['Black'] },
    ];
    const twice = await staff.mutate('catalog.products.saveVariants', {
      productId: p.id,
      options,
      variants: [
        { sku: 'VR-1', price: usd(100), options: { Size: 'S', Colour: 'Black' } },
        { sku: 'VR-2', price: usd(100), options: { Colour: 'Black', Size: 'S' } },
      ],
    });
    expect([twice.status, twice.error.data.field]).toEqual([400, 'variants.1.options']);
    const unlisted = await staff.mutate('catalog.products.saveVariants', {
      productId: p.id,
      options,
      variants: [{ sku: 'VR-1', price: usd(100), options: { Size: 'XL', Colour: 'Black' } }],
    });
    expect([unlisted.status, unlisted.error.data.field]).toEqual([400, 'variants.0.options']);
    const taken = await staff.mutate('catalog.products.saveVariants', {
      productId: p.id,
      options: [],
      variants: [{ sku: otherSku, price: usd(100), options: {} }],
    });
    expect([taken.status, taken.error.data.field]).toEqual([409, 'variants.0.sku']);
    const euro = await staff.mutate('catalog.products.saveVariants', {
      productId: p.id,
      options: [],
      variants: [{ sku: 'VR-EUR', price: { amount: '100', currency: 'EUR' }, options: {} }],
    });
    expect([euro.status, euro.error.data.field]).toEqual([400, 'variants.0.price.currency']);

    // Kept variants can swap SKUs and combinations in one save.
    const saved = await ok(
      staff.mutate('catalog.products.saveVariants', {
        productId: p.id,
        options,
        variants: [
          { sku: 'VR-1', price: usd(100), options: { Size: 'S', Colour: 'Black' } },
          { sku: 'VR-2', price: usd(200), options: { Size: 'M', Colour: 'Black' } },
        ],
      }),
      'two variants',
    );
    const [a, b] = saved.variants;
    const swapped = await ok(
      staff.mutate('catalog.products.saveVariants', {
        productId: p.id,
        options,
        variants: [
          { id: a.id, sku: 'VR-2', price: usd(100), options: { Size: 'M', Colour: 'Black' } },
          { id: b.id, sku: 'VR-1', price: usd(200), options: { Size: 'S', Colour: 'Black' } },
        ],
      }),
      'swap',
    );
    expect(swapped.variants.map((v: any) => [v.id, v.sku])).toEqual([
      [a.id, 'VR-2'],
      [b.id, 'VR-1'],
    ]);
    expect(swapped.minPrice).toEqual(usd(100));
    expect(swapped.maxPrice).toEqual(usd(200));
  });

  it('every mutation is audited with before and after, and an edit that changes nothing records nothing', async () => {
    const brand = await makeBrand(staff, 'Audit Brand');
    const cat = await makeCategory(staff, 'Audit Cat');
    const p = await makeProduct(staff, { title: 'Audited Lamp', brandId: brand.id, categoryIds: [cat] });
    await ok(staff.mutate('catalog.products.update', { id: p.id, title: 'Audited Desk Lamp' }), 'rename');
    await ok(staff.mutate('catalog.products.update', { id: p.id, title: 'Audited Desk Lamp' }), 'same again');
    await ok(staff.mutate('catalog.products.archive', { id: p.id }), 'archive');
    await ok(staff.mutate('catalog.products.unpublish', { id: p.id }), 'back to draft');
    await ok(staff.mutate('catalog.products.bulkEdit', { ids: [p.id], priceChangePercent: '10' }), 'bulk');
    const history = await ok(staff.query('catalog.products.history', { id: p.id }), 'history');
    expect(history.entries.map((e: any) => e.action)).toEqual([
      'catalog.products.bulkEdit',
      'catalog.products.unpublish',
      'catalog.products.archive',
      'catalog.products.update',
      'catalog.products.publish',
      'catalog.products.saveVariants',
      'catalog.products.create',
    ]);
    const rename = history.entries[3];
    expect(rename.data).toEqual({ before: { title: 'Audited Lamp' }, after: { title: 'Audited Desk Lamp' } });
    expect(history.entries[0].data.before.minPrice).toEqual(usd(1000));
    expect(history.entries[0].data.after.minPrice).toEqual(usd(1100));

    await ok(staff.mutate('catalog.categories.update', { id: cat, name: 'Audit Category' }), 'rename cat');
    await ok(staff.mutate('catalog.brands.update', { id: brand.id, name: 'Audit Brand Co' }), 'rename brand');
    const catEntries = await app.platform.db.select().from(auditLog).where(eq(auditLog.subjectId, cat));
    expect(catEntries.map((e) => e.action).sort()).toEqual([
      'catalog.categories.create',
      'catalog.categories.update',
    ]);
    const brandEntries = await app.platform.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, brand.id));
    expect(brandEntries.map((e) => e.action).sort()).toEqual([
      'catalog.brands.create',
      'catalog.brands.update',
    ]);
    // The brand's new name is searchable at once.
    const hit = await ok(search(shopper, { q: 'desk lamp' }), 'search');
    expect(hit.products).toHaveLength(0); // it is a draft now
  });

  it('a create sent twice with one Idempotency-Key makes one product and replays the answer', async () => {
    const headers = { 'idempotency-key': 'create-once-1' };
    const first = await staff.mutate('catalog.products.create', { title: 'Once Only Mug' }, headers);
    const again = await staff.mutate('catalog.products.create', { title: 'Once Only Mug' }, headers);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data.id).toBe(first.data.id);
    const rows = await app.platform.db.select().from(products).where(like(products.title, 'Once Only Mug%'));
    expect(rows).toHaveLength(1);
    const other = await staff.mutate('catalog.products.create', { title: 'Another Mug' }, headers);
    expect(other.status).toBe(422);
  });

  it('categories move and reorder among siblings, and a move into its own subtree is refused', async () => {
    const root = await makeCategory(staff, 'Tree Root');
    const a = await makeCategory(staff, 'Tree A', root);
    const b = await makeCategory(staff, 'Tree B', root);
    const c = await makeCategory(staff, 'Tree C', root);
    const a1 = await makeCategory(staff, 'Tree A1', a);
    const moved = await ok(
      staff.mutate('catalog.categories.move', { id: c, parentId: root, position: 0 }),
      'c first',
    );
    const under = (parent: string) =>
      moved.categories.filter((x: any) => x.parentId === parent).map((x: any) => [x.name, x.position]);
    expect(under(root)).toEqual([
      ['Tree C', 0],
      ['Tree A', 1],
      ['Tree B', 2],
    ]);
    const loop = await staff.mutate('catalog.categories.move', { id: a, parentId: a1, position: 0 });
    expect([loop.status, loop.error.data.field]).toEqual([400, 'parentId']);
    const self = await staff.mutate('catalog.categories.move', { id: a, parentId: a, position: 0 });
    expect([self.status, self.error.data.field]).toEqual([400, 'parentId']);
    const out = await ok(
      staff.mutate('catalog.categories.move', { id: a, parentId: null, position: 99 }),
      'a to top',
    );
    const a1Node = out.categories.find((x: any) => x.id === a1);
    expect(a1Node.depth).toBe(1);
    const rootChildren = out.categories
      .filter((x: any) => x.parentId === root)
      .map((x: any) => [x.name, x.position]);
    expect(rootChildren).toEqual([
      ['Tree C', 0],
      ['Tree B', 1],
    ]);
    const busy = await staff.mutate('catalog.categories.delete', { id: a });
    expect(busy.status).toBe(409);
    await ok(staff.mutate('catalog.categories.delete', { id: a1 }), 'delete leaf');
    void b;
  });

  it('a shopper sees published products only; staff see every status', async () => {
    const p = await makeProduct(staff, { title: 'Secret Draft Kettle', publish: false });
    expect((await shopper.query('catalog.shop.product', { slug: p.slug })).status).toBe(404);
    expect((await shopper.query('catalog.products.get', { id: p.id })).status).toBe(401);
    await ok(staff.mutate('catalog.products.publish', { id: p.id }), 'publish');
    const page = await ok(shopper.query('catalog.shop.product', { slug: p.slug }), 'product page');
    expect(page).toMatchObject({ title: 'Secret Draft Kettle', variants: [{ price: usd(1000) }] });
    const noVariants = await ok(staff.mutate('catalog.products.create', { title: 'Empty Box' }), 'empty');
    const publish = await staff.mutate('catalog.products.publish', { id: noVariants.id });
    expect(publish.status).toBe(409);
    void and;
  });
});
