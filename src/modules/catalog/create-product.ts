import { type Ctx, inTransaction } from '../../platform/context';
import { newId } from '../../platform/ids';
import type { TProductDetail } from './catalog.types';
import { channelCurrency } from './channel-currency';
import { getProduct } from './get-product';
import {
  auditProduct,
  findBrand,
  freeProductSlug,
  requireFreeProductSlug,
  setProductAttributes,
  setProductCategories,
  slugTaken,
} from './product-parts';
import { products } from './schema';
import { refusingDuplicates } from './unique-violation';

export interface CreateProductInput {
  title: string;
  slug?: string;
  description?: string;
  brandId?: string | null;
  categoryIds?: string[];
  attributes?: { key: string; value: string }[];
}

/** A new draft. Its address comes from the title unless one is given (and free). */
export async function createProduct(ctx: Ctx, input: CreateProductInput): Promise<TProductDetail> {
  return refusingDuplicates(
    () =>
      inTransaction(ctx, async (tx) => {
        const brand = input.brandId ? await findBrand(tx, input.brandId) : null;
        if (input.slug) await requireFreeProductSlug(tx, input.slug);
        const slug = input.slug ?? (await freeProductSlug(tx, input.title));
        const id = newId();
        const now = tx.clock.now();
        await tx.db.insert(products).values({
          id,
          channelId: tx.channelId,
          slug,
          title: input.title,
          description: input.description ?? '',
          brandId: brand?.id ?? null,
          brandName: brand?.name ?? null,
          status: 'draft',
          currency: await channelCurrency(tx),
          createdAt: now,
          updatedAt: now,
        });
        if (input.categoryIds?.length) await setProductCategories(tx, id, input.categoryIds);
        if (input.attributes?.length) await setProductAttributes(tx, id, input.attributes);
        const created = await getProduct(tx, { id });
        await auditProduct(tx, 'catalog.products.create', id, null, created);
        return created;
      }),
    { products_channel_slug_key: slugTaken('product', input.slug ?? input.title) },
  );
}
