import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { type CurrencyCode, money, toWire } from '../../platform/money';
import { listCategories } from './categories';
import { getProduct } from './get-product';
import { priceOf } from './pricing';
import type { TStorefrontProductResponse } from './procedures/get-storefront-product.types';
import { products } from './schema';

/**
 * A published product by its address, as shoppers see it: variants with the price the pricing strategy
 * gives, the options and which combinations exist, its categories with the path down to each (for
 * breadcrumbs), its brand. Drafts and archived products are not found.
 */
export async function getStorefrontProduct(
  ctx: Ctx,
  input: { slug: string },
): Promise<TStorefrontProductResponse> {
  const [row] = await ctx.db
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        eq(products.channelId, ctx.channelId),
        eq(products.slug, input.slug),
        eq(products.status, 'published'),
      ),
    );
  if (!row) throw new AppError('NOT_FOUND', `There is no product at ${input.slug}`, { field: 'slug' });
  const detail = await getProduct(ctx, { id: row.id });
  const tree = await listCategories(ctx);
  const byId = new Map(tree.categories.map((c) => [c.id, c]));
  const pathOf = (id: string) => {
    const path: { slug: string; name: string }[] = [];
    for (let c = byId.get(id); c; c = c.parentId ? byId.get(c.parentId) : undefined)
      path.unshift({ slug: c.slug, name: c.name });
    return path;
  };
  const variants = await Promise.all(
    detail.variants.map(async (v) => ({
      id: v.id,
      sku: v.sku,
      options: v.options,
      price: toWire(
        await priceOf(
          {
            productId: detail.id,
            variantId: v.id,
            listPrice: money(v.price.amount, v.price.currency as CurrencyCode),
          },
          ctx,
        ),
      ),
    })),
  );
  return {
    id: detail.id,
    slug: detail.slug,
    title: detail.title,
    description: detail.description,
    brand: detail.brand ? { slug: detail.brand.slug, name: detail.brand.name } : null,
    categories: detail.categories.map((c) => ({ slug: c.slug, name: c.name, path: pathOf(c.id) })),
    options: detail.options,
    variants,
    attributes: detail.attributes,
    image: null,
  };
}
