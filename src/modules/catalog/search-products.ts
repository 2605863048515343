import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { inTransaction, type PlatformCtx } from '../../platform/context';
import { queryRows } from '../../platform/db';
import { badInput } from '../../platform/errors';
import { type CurrencyCode, money, toWire } from '../../platform/money';
import { categoryWithDescendants, listCategories } from './categories';
import { cursorKey, decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { priceOf } from './pricing';
import type { TSearchProductsRequest, TSearchProductsResponse } from './procedures/search-products.types';
import { brands, categories, productCategories, products } from './schema';
import { serially } from './serially';

export const LISTING_MAX = 48;
const DEFAULT_LIMIT = 24;
/** How alike a word must be to a title's word to count as a typo of it (pg_trgm word similarity). */
const TYPO_SIMILARITY = '0.4';

export type ListingSort = 'relevance' | 'price_asc' | 'price_desc' | 'name' | 'newest';

interface Row {
  id: string;
  slug: string;
  title: string;
  brand_slug: string | null;
  brand_name: string | null;
  min_price_amount: string;
  max_price_amount: string;
  currency: string;
  k1: string;
}

/** Words of a search, as a prefix query each (`leat` finds leather): letters and digits only. */
export function searchWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/**
 * The storefront's listing: published products of the channel, filtered (search, category with its
 * descendants, brands, price range), sorted, in keyset pages behind a signed cursor (no OFFSET: a page
 * costs the same at the end as at the start, and products added while someone scrolls neither repeat nor
 * push others out). The first page also carries facet counts: for each filter, what choosing each of its
 * values would give with every other filter as it is.
 */
export async function searchProducts(
  ctx: PlatformCtx,
  input: TSearchProductsRequest,
): Promise<TSearchProductsResponse> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const q = input.q?.trim() ?? '';
  const sort: ListingSort = input.sort ?? (q ? 'relevance' : 'newest');
  if (sort === 'relevance' && !q)
    throw badInput('sort', 'Enter a search to sort by relevance, or choose another sort');
  const priceMin = input.priceMin === undefined ? undefined : BigInt(input.priceMin);
  const priceMax = input.priceMax === undefined ? undefined : BigInt(input.priceMax);
  if (priceMin !== undefined && priceMax !== undefined && priceMax < priceMin)
    throw badInput('priceMax', 'Enter a highest price at or above the lowest price');

  return inTransaction(ctx, async (tx) => {
    const c = tx.channelId;
    // Category by its address; unknown ones are refused rather than silently matching nothing.
    let categoryIds: string[] | undefined;
    if (input.category) {
      const [cat] = await tx.db
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.channelId, c), eq(categories.slug, input.category)));
      if (!cat)
        throw badInput('category', `Choose a category of this shop: there is none called ${input.category}`);
      categoryIds = await categoryWithDescendants(tx, cat.id);
    }
    const brandSlugs = input.brand ? [...new Set(input.brand.split(','))] : [];
    let brandIds: string[] = [];
    if (brandSlugs.length) {
      const found = await tx.db
        .select({ id: brands.id, slug: brands.slug })
        .from(brands)
        .where(and(eq(brands.channelId, c), inArray(brands.slug, brandSlugs)));
      const unknown = brandSlugs.filter((s) => !found.some((b) => b.slug === s));
      if (unknown.length)
        throw badInput('brand', `Choose brands of this shop: there is none called ${unknown.join(', ')}`);
      brandIds = found.map((b) => b.id);
    }

    const words = searchWords(q);
    const tsquery = (op: '&' | '|') =>
      sql`to_tsquery('english', ${words.map((w) => `${w}:*`).join(` ${op} `)})`;
    if (q)
      await tx.db.execute(
        sql`select set_config('pg_trgm.word_similarity_threshold', ${TYPO_SIMILARITY}, true)`,
      );

    const filters = (except?: 'brand' | 'category' | 'price'): SQL => {
      const parts: SQL[] = [sql`p.channel_id = ${c}`, sql`p.status = 'published'`];
      if (q)
        parts.push(
          words.length ? sql`(p.search_vector @@ ${tsquery('&')} or ${q} <% p.title)` : sql`${q} <% p.title`,
        );
      if (categoryIds && except !== 'category')
        parts.push(
          sql`exists (select 1 from ${productCategories} pc where pc.channel_id = ${c} and pc.product_id = p.id and pc.category_id in ${categoryIds})`,
        );
      if (brandIds.length && except !== 'brand') parts.push(sql`p.brand_id in ${brandIds}`);
      if (except !== 'price') {
        if (priceMin !== undefined) parts.push(sql`p.min_price_amount >= ${priceMin.toString()}::bigint`);
        if (priceMax !== undefined) parts.push(sql`p.min_price_amount <= ${priceMax.toString()}::bigint`);
      }
      return sql.join(parts, sql` and `);
    };

    // The sort: its key expression, direction, and how the cursor's key reads back in SQL.
    const rank = words.length
      ? sql`round((ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, ${tsquery('|')}) + 0.5 * word_similarity(${q}, p.title))::numeric, 6)`
      : sql`round((0.5 * word_similarity(${q}, p.title))::numeric, 6)`;
    const sorts: Record<ListingSort, { key: SQL; cast: SQL; desc: boolean }> = {
      relevance: { key: rank, cast: sql`numeric`, desc: true },
      newest: { key: sql`p.published_at`, cast: sql`timestamptz`, desc: true },
      price_asc: { key: sql`p.min_price_amount`, cast: sql`bigint`, desc: false },
      price_desc: { key: sql`p.min_price_amount`, cast: sql`bigint`, desc: true },
      name: { key: sql`lower(p.title)`, cast: sql`text`, desc: false },
    };
    const order = sorts[sort];
    const key = cursorKey(ctx.platform.config.SESSION_SECRET);
    const fingerprint = queryFingerprint(c, {
      sort,
      q,
      category: input.category ?? null,
      brand: [...brandSlugs].sort(),
      priceMin: input.priceMin ?? null,
      priceMax: input.priceMax ?? null,
    });
    const after = input.cursor ? decodeCursor(key, fingerprint, input.cursor, 2) : undefined;
    if (after && (typeof after[0] !== 'string' || typeof after[1] !== 'string' || !isUuid(after[1])))
      throw badInput('cursor', 'Use the nextCursor of a previous page: this cursor is not one we made');
    const dir = order.desc ? sql`desc` : sql`asc`;
    const keyset = after
      ? sql` and (${order.key}, p.id) ${order.desc ? sql`<` : sql`>`} (${after[0]}::${order.cast}, ${after[1]}::uuid)`
      : sql``;

    const rows = await queryRows<Row>(
      tx.db,
      sql`select p.id, p.slug, p.title, b.slug as brand_slug, b.name as brand_name,
                 p.min_price_amount::text as min_price_amount, p.max_price_amount::text as max_price_amount,
                 p.currency, (${order.key})::text as k1
          from ${products} p left join ${brands} b on b.id = p.brand_id and b.channel_id = ${c}
          where ${filters()}${keyset}
          order by ${order.key} ${dir}, p.id ${dir}
          limit ${limit + 1}`,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeCursor(key, fingerprint, [last.k1, last.id]) : null;

    const cards = await Promise.all(
      page.map(async (r) => {
        const currency = r.currency as CurrencyCode;
        const listPrice = money(r.min_price_amount, currency);
        return {
          id: r.id,
          slug: r.slug,
          title: r.title,
          brand: r.brand_slug ? { slug: r.brand_slug, name: r.brand_name ?? '' } : null,
          price: toWire(await priceOf({ productId: r.id, variantId: null, listPrice }, tx)),
          maxPrice: toWire(money(r.max_price_amount, currency)),
          // The media port (another change) fills this; until then the page shows a placeholder.
          image: null,
        };
      }),
    );
    if (after) return { products: cards, nextCursor, total: null, facets: null };
    return { products: cards, nextCursor, ...(await facets(tx, filters, brandSlugs)) };
  });
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: string) => UUID_RE.test(s);

/** Counts for the first page: the total, each category (with its descendants), each brand, the price span. */
async function facets(
  tx: PlatformCtx,
  filters: (except?: 'brand' | 'category' | 'price') => SQL,
  chosenBrands: string[],
): Promise<Pick<TSearchProductsResponse, 'total' | 'facets'>> {
  const c = tx.channelId;
  const [[total], categoryCounts, brandCounts, [span], tree] = await serially([
    () =>
      queryRows<{ n: number }>(tx.db, sql`select count(*)::int as n from ${products} p where ${filters()}`),
    () =>
      queryRows<{ id: string; n: number }>(
        tx.db,
        sql`with recursive tree(ancestor, id) as (
            select id, id from ${categories} where channel_id = ${c}
            union all
            select tree.ancestor, k.id from ${categories} k join tree on k.parent_id = tree.id where k.channel_id = ${c}
          )
          select tree.ancestor as id, count(distinct p.id)::int as n
          from tree
          join ${productCategories} pc on pc.category_id = tree.id and pc.channel_id = ${c}
          join ${products} p on p.id = pc.product_id
          where ${filters('category')}
          group by tree.ancestor`,
      ),
    () =>
      queryRows<{ slug: string; name: string; n: number }>(
        tx.db,
        sql`select b.slug, b.name, count(*)::int as n
          from ${products} p join ${brands} b on b.id = p.brand_id and b.channel_id = ${c}
          where ${filters('brand')}
          group by b.slug, b.name order by b.name`,
      ),
    () =>
      queryRows<{ lo: string | null; hi: string | null; currency: string | null }>(
        tx.db,
        sql`select min(p.min_price_amount)::text as lo, max(p.min_price_amount)::text as hi, min(p.currency) as currency
          from ${products} p where ${filters('price')}`,
      ),
    () => listCategories(tx),
  ]);
  const countOf = new Map(categoryCounts.map((r) => [r.id, r.n]));
  const brandFacet = brandCounts.map((b) => ({ slug: b.slug, name: b.name, count: b.n }));
  // A chosen brand stays listed (with 0) when the other filters leave it nothing.
  for (const slug of chosenBrands)
    if (!brandFacet.some((b) => b.slug === slug)) brandFacet.push({ slug, name: slug, count: 0 });
  const currency = span?.currency as CurrencyCode | null;
  return {
    total: total?.n ?? 0,
    facets: {
      categories: tree.categories.map((k) => ({
        slug: k.slug,
        name: k.name,
        parentSlug: tree.categories.find((p) => p.id === k.parentId)?.slug ?? null,
        depth: k.depth,
        count: countOf.get(k.id) ?? 0,
      })),
      brands: brandFacet,
      price:
        span?.lo && span.hi && currency
          ? { min: toWire(money(span.lo, currency)), max: toWire(money(span.hi, currency)) }
          : null,
    },
  };
}
