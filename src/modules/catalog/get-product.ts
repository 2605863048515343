import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { money, toWire } from '../../platform/money';
import type { TProductDetail, TProductSummary } from './catalog.types';
import {
  brands,
  categories,
  productAttributes,
  productCategories,
  productOptions,
  products,
  productVariants,
} from './schema';
import { serially } from './serially';

export const productNotFound = (id: string, field = 'id') =>
  new AppError('NOT_FOUND', `Product ${id} not found`, { field });

type ProductRow = typeof products.$inferSelect;

/** The product row in this channel, or a 404 naming the field that pointed at it. */
export async function findProductRow(ctx: Ctx, id: string, field = 'id'): Promise<ProductRow> {
  const [row] = await ctx.db
    .select()
    .from(products)
    .where(and(eq(products.channelId, ctx.channelId), eq(products.id, id)));
  if (!row) throw productNotFound(id, field);
  return row;
}

/** Summaries of these product rows, in their order: brand, price range, number of variants. */
export async function summarize(ctx: Ctx, rows: ProductRow[]): Promise<TProductSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const brandIds = [...new Set(rows.map((r) => r.brandId).filter((b): b is string => b !== null))];
  const [brandRows, counts] = await serially([
    () =>
      brandIds.length
        ? ctx.db
            .select({ id: brands.id, slug: brands.slug, name: brands.name })
            .from(brands)
            .where(and(eq(brands.channelId, ctx.channelId), inArray(brands.id, brandIds)))
        : [],
    () =>
      ctx.db
        .select({ productId: productVariants.productId, n: count() })
        .from(productVariants)
        .where(and(eq(productVariants.channelId, ctx.channelId), inArray(productVariants.productId, ids)))
        .groupBy(productVariants.productId),
  ]);
  const brandById = new Map(brandRows.map((b) => [b.id, b]));
  const countById = new Map(counts.map((c) => [c.productId, Number(c.n)]));
  return rows.map((r) => {
    const currency = r.currency as Parameters<typeof money>[1];
    return {
      id: r.id,
      slug: r.slug,
      title: r.title,
      status: r.status,
      brand: r.brandId ? (brandById.get(r.brandId) ?? null) : null,
      minPrice: r.minPriceAmount === null ? null : toWire(money(r.minPriceAmount, currency)),
      maxPrice: r.maxPriceAmount === null ? null : toWire(money(r.maxPriceAmount, currency)),
      variantCount: countById.get(r.id) ?? 0,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** Everything staff edit about one product, drafts included. */
export async function getProduct(ctx: Ctx, input: { id: string }): Promise<TProductDetail> {
  const row = await findProductRow(ctx, input.id);
  const inChannel = ctx.channelId;
  const [[summary], cats, options, variants, attributes] = await serially([
    () => summarize(ctx, [row]),
    () =>
      ctx.db
        .select({ id: categories.id, slug: categories.slug, name: categories.name })
        .from(productCategories)
        .innerJoin(
          categories,
          and(eq(categories.id, productCategories.categoryId), eq(categories.channelId, inChannel)),
        )
        .where(and(eq(productCategories.channelId, inChannel), eq(productCategories.productId, row.id)))
        .orderBy(asc(categories.name)),
    () =>
      ctx.db
        .select({ name: productOptions.name, values: productOptions.values })
        .from(productOptions)
        .where(and(eq(productOptions.channelId, inChannel), eq(productOptions.productId, row.id)))
        .orderBy(asc(productOptions.position)),
    () =>
      ctx.db
        .select()
        .from(productVariants)
        .where(and(eq(productVariants.channelId, inChannel), eq(productVariants.productId, row.id)))
        .orderBy(asc(productVariants.position)),
    () =>
      ctx.db
        .select({ key: productAttributes.key, value: productAttributes.value })
        .from(productAttributes)
        .where(and(eq(productAttributes.channelId, inChannel), eq(productAttributes.productId, row.id)))
        .orderBy(asc(productAttributes.key)),
  ]);
  return {
    ...summary!,
    description: row.description,
    categories: cats,
    options,
    variants: variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      barcode: v.barcode,
      price: toWire(money(v.priceAmount, v.priceCurrency)),
      options: v.options,
      position: v.position,
    })),
    attributes,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
