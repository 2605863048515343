import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../platform/context';
import { newId } from '../../platform/ids';
import type { Seeder } from '../../platform/kit';
import { channelCurrency } from './channel-currency';
import { demoAdjectives, demoBrands, demoTree, seededRandom } from './demo-catalog';
import { brands, categories, productCategories, productOptions, products, productVariants } from './schema';
import { slugify } from './slug';

const PRODUCTS = 200;
const DAY = 86_400_000;

/**
 * A believable shop for `npm start`: a dozen categories in two levels, a dozen brands and 200 products with
 * options, variants and prices, the same on every fresh start (a seeded generator). Written in a few bulk
 * inserts so it takes well under a few seconds on PGlite. Runs once: a channel that has the demo's
 * categories already is left alone. Demo rows are not audited (nobody did them).
 */
export const catalogSeeder: Seeder = {
  name: 'catalog.demo',
  async run(seed) {
    if (!seed.demo) return;
    await inTransaction(seed.ctx, async (tx) => {
      const [existing] = await tx.db
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.channelId, tx.channelId), eq(categories.slug, 'clothing')));
      if (existing) return;
      const random = seededRandom(20_260_509);
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      const now = tx.clock.now();
      const currency = await channelCurrency(tx);
      const c = tx.channelId;

      const brandRows = demoBrands.map((name) => ({
        id: newId(),
        channelId: c,
        slug: slugify(name),
        name,
        createdAt: now,
        updatedAt: now,
      }));
      await tx.db.insert(brands).values(brandRows);

      const categoryRows: (typeof categories.$inferInsert)[] = [];
      const leaves: { id: string; spec: (typeof demoTree)[number]['children'][number] }[] = [];
      demoTree.forEach((top, i) => {
        const topId = newId();
        categoryRows.push({
          id: topId,
          channelId: c,
          parentId: null,
          slug: slugify(top.name),
          name: top.name,
          description: top.description,
          position: i,
          createdAt: now,
          updatedAt: now,
        });
        top.children.forEach((leaf, j) => {
          const id = newId();
          categoryRows.push({
            id,
            channelId: c,
            parentId: topId,
            slug: slugify(leaf.name),
            name: leaf.name,
            description: leaf.blurb,
            position: j,
            createdAt: now,
            updatedAt: now,
          });
          leaves.push({ id, spec: leaf });
        });
      });
      await tx.db.insert(categories).values(categoryRows);

      const productRows: (typeof products.$inferInsert)[] = [];
      const optionRows: (typeof productOptions.$inferInsert)[] = [];
      const variantRows: (typeof productVariants.$inferInsert)[] = [];
      const links: (typeof productCategories.$inferInsert)[] = [];
      const titles = new Set<string>();
      for (let n = 0; n < PRODUCTS; n++) {
        const leaf = leaves[n % leaves.length]!;
        const spec = leaf.spec;
        let title = '';
        for (let tries = 0; tries < 20 && (!title || titles.has(title)); tries++)
          title = `${pick(demoAdjectives)} ${pick(spec.materials)} ${pick(spec.nouns)}`;
        if (titles.has(title)) title = `${title} No. ${n}`;
        titles.add(title);
        const brand = pick(brandRows);
        const id = newId();
        const base = Math.round((spec.price[0] + random() * (spec.price[1] - spec.price[0])) / 100) * 100 - 1;
        // Each product offers some of its category's values: not every combination exists.
        const options = spec.options.map((o) => ({
          name: o.name,
          values: o.values.filter((_, i) => i === 0 || random() > 0.3),
        }));
        let combos: Record<string, string>[] = [{}];
        for (const o of options) combos = combos.flatMap((x) => o.values.map((v) => ({ ...x, [o.name]: v })));
        combos = combos.filter((_, i) => i === 0 || random() > 0.15);
        const prices = combos.map(
          (combo) => base + (combo.Size && /X?XL|45|100 ml/.test(combo.Size) ? 500 : 0),
        );
        const published = random() > 0.06;
        const publishedAt = new Date(now.getTime() - Math.floor(random() * 60 * DAY) - n * 60_000);
        productRows.push({
          id,
          channelId: c,
          slug: slugify(title),
          title,
          description: `${title} by ${brand.name}. ${spec.blurb} ${pick(['Ships in two days.', 'Free returns within 30 days.', 'Made in small runs.', 'Seen live on the Saturday show.'])}`,
          brandId: brand.id,
          brandName: brand.name,
          status: published ? 'published' : 'draft',
          minPriceAmount: BigInt(Math.min(...prices)),
          maxPriceAmount: BigInt(Math.max(...prices)),
          currency,
          publishedAt: published ? publishedAt : null,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        });
        for (const [position, o] of options.entries())
          optionRows.push({
            id: newId(),
            channelId: c,
            productId: id,
            name: o.name,
            values: o.values,
            position,
          });
        const sku = `${slugify(brand.name).slice(0, 4).toUpperCase()}-${String(n + 1).padStart(4, '0')}`;
        for (const [position, combo] of combos.entries())
          variantRows.push({
            id: newId(),
            channelId: c,
            productId: id,
            sku: [sku, ...Object.values(combo).map((v) => v.toUpperCase().replace(/[^A-Z0-9]+/g, ''))].join(
              '-',
            ),
            barcode: `2${String(10_000_000_000 + n * 100 + position).padStart(11, '0')}`,
            options: combo,
            priceAmount: BigInt(prices[position]!),
            priceCurrency: currency,
            position,
            createdAt: publishedAt,
            updatedAt: publishedAt,
          });
        links.push({ channelId: c, productId: id, categoryId: leaf.id });
      }
      const chunks = <T>(rows: T[], size = 500) =>
        Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
      for (const rows of chunks(productRows)) await tx.db.insert(products).values(rows);
      for (const rows of chunks(optionRows)) await tx.db.insert(productOptions).values(rows);
      for (const rows of chunks(variantRows)) await tx.db.insert(productVariants).values(rows);
      for (const rows of chunks(links)) await tx.db.insert(productCategories).values(rows);
    });
  },
};
