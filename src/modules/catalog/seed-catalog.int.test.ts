import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';
import { runSeeders } from '../../platform/kit';
import { categories, products, productVariants } from './schema';

describe('the demo shop', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db: 'pglite', env: { ROLES: 'api' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is 200 products in a two-level tree, made in a few seconds on PGlite, once', async () => {
    const started = performance.now();
    await runSeeders(app.platform, { demo: true }, () => {});
    const took = performance.now() - started;
    const c = app.platform.defaultChannelId;
    const [p] = await app.platform.db.select({ n: count() }).from(products).where(eq(products.channelId, c));
    const [v] = await app.platform.db
      .select({ n: count() })
      .from(productVariants)
      .where(eq(productVariants.channelId, c));
    const cats = await app.platform.db.select().from(categories).where(eq(categories.channelId, c));
    expect(p!.n).toBe(200);
    expect(v!.n).toBeGreaterThan(600);
    expect(cats.filter((k) => k.parentId === null)).toHaveLength(4);
    expect(cats.length).toBe(14);
    // About 2–3 s alone on PGlite; the bound leaves room for a machine busy with other test files.
    expect(took).toBeLessThan(10_000);
    await runSeeders(app.platform, { demo: true }, () => {});
    const [again] = await app.platform.db
      .select({ n: count() })
      .from(products)
      .where(eq(products.channelId, c));
    expect(again!.n).toBe(200);

    const shopper = app.client();
    const listing = await shopper.query('catalog.shop.search', { category: 'clothing', limit: 48 });
    expect(listing.status).toBe(200);
    expect(listing.data.total).toBeGreaterThan(30);
    const first = listing.data.products[0];
    const page = await shopper.query('catalog.shop.product', { slug: first.slug });
    expect(page.status).toBe(200);
    expect(page.data.variants.length).toBeGreaterThan(0);
    console.log(`demo catalog seeded in ${Math.round(took)} ms`);
  });
});
