import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/helpers/app';
import { createAccount, sessionFor } from '../../../test/helpers/users';
import { auditLog } from '../../platform/audit';
import { makeCategory, makeProduct, ok, usd } from './test-helpers';

/** Ordering and all-or-nothing writes, on PostgreSQL. */
describe('catalog on PostgreSQL', () => {
  let app: TestApp;
  let staff: TestClient;
  let shopper: TestClient;

  beforeAll(async () => {
    app = await startTestApp({ db: 'postgres', env: { ROLES: 'api' } });
    const account = await createAccount(app, { roles: ['admin'] });
    staff = (await sessionFor(app, account.userId)).client;
    shopper = app.client();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(['newest', 'price_asc', 'price_desc', 'name', 'relevance'])(
    'scrolling sorted by %s while products are added: every product there at the start shows exactly once',
    async (sort) => {
      const slug = `scroll-${sort.replace('_', '-')}`;
      const cat = await makeCategory(staff, slug);
      const at = async (i: number) =>
        makeProduct(staff, {
          title: `Scroll Lantern ${sort} ${String(i).padStart(3, '0')}`,
          categoryIds: [cat],
          // Ties on price on purpose: the id breaks them.
          prices: [1000 + (i % 4) * 250],
        });
      const original = new Set<string>();
      for (let i = 0; i < 23; i++) original.add((await at(i)).id);
      const seen: string[] = [];
      let cursor: string | undefined;
      let added = 100;
      const input = { category: slug, sort, ...(sort === 'relevance' ? { q: 'lantern' } : {}), limit: 5 };
      do {
        const page = await ok(
          shopper.query('catalog.shop.search', { ...input, ...(cursor ? { cursor } : {}) }),
          'page',
        );
        seen.push(...page.products.map((p: { id: string }) => p.id));
        cursor = page.nextCursor ?? undefined;
        // Someone publishes two more while the shopper scrolls.
        await at(added++);
        await at(added++);
      } while (cursor);
      expect(new Set(seen).size, 'no product twice').toBe(seen.length);
      expect(
        [...original].filter((id) => !seen.includes(id)),
        'none of the first ones skipped',
      ).toEqual([]);
    },
  );

  it('a bulk edit with one product that cannot move changes nothing at all', async () => {
    const a = await makeProduct(staff, { title: 'Bulk Kettle', prices: [2000] });
    const b = await makeProduct(staff, { title: 'Bulk Toaster', prices: [3000], publish: false });
    const empty = await ok(
      staff.mutate('catalog.products.create', { title: 'Bulk Empty Box' }),
      'no variants',
    );
    const auditBefore = (await app.platform.db.select().from(auditLog)).length;
    const refused = await staff.mutate('catalog.products.bulkEdit', {
      ids: [a.id, b.id, empty.id],
      status: 'published',
      priceChangePercent: '-10',
    });
    expect(refused.status).toBe(409);
    expect(refused.error.data.field).toBe('ids.2');
    const current = async (id: string) => ok(staff.query('catalog.products.get', { id }), 'get');
    expect((await current(a.id)).minPrice).toEqual(usd(2000));
    expect((await current(b.id)).status).toBe('draft');
    expect((await current(b.id)).minPrice).toEqual(usd(3000));
    expect((await app.platform.db.select().from(auditLog)).length).toBe(auditBefore);

    const missing = await staff.mutate('catalog.products.bulkEdit', {
      ids: [a.id, '0195f3a0-0000-7000-8000-000000000099'],
      price: usd(100),
    });
    expect([missing.status, missing.error.data.field]).toEqual([404, 'ids.1']);
    expect((await current(a.id)).minPrice).toEqual(usd(2000));

    const done = await ok(
      staff.mutate('catalog.products.bulkEdit', {
        ids: [a.id, b.id],
        status: 'published',
        priceChangePercent: '-10',
      }),
      'bulk',
    );
    expect(done.changed).toBe(2);
    expect((await current(b.id)).status).toBe('published');
    expect((await current(b.id)).minPrice).toEqual(usd(2700));
    const entries = await app.platform.db.select().from(auditLog).where(eq(auditLog.subjectId, b.id));
    expect(entries.map((e) => e.action)).toContain('catalog.products.bulkEdit');
  });

  it('two editors saving the same product at once both land, one after the other', async () => {
    const p = await makeProduct(staff, { title: 'Race Lamp', publish: false });
    const [r1, r2] = await Promise.all([
      staff.mutate('catalog.products.update', { id: p.id, title: 'Race Lamp One' }),
      staff.mutate('catalog.products.update', { id: p.id, description: 'Two' }),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const now = await ok(staff.query('catalog.products.get', { id: p.id }), 'get');
    expect([now.title, now.description]).toEqual(['Race Lamp One', 'Two']);
  });
});
