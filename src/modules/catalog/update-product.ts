import { and, eq } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context';
import type { TProductDetail } from './catalog.types';
import { findProductRow, getProduct } from './get-product';
import {
  auditProduct,
  findBrand,
  requireFreeProductSlug,
  setProductAttributes,
  setProductCategories,
  slugTaken,
} from './product-parts';
import { products } from './schema';
import { refusingDuplicates } from './unique-violation';

export interface UpdateProductInput {
  id: string;
  title?: string;
  slug?: string;
  description?: string;
  brandId?: string | null;
  categoryIds?: string[];
  attributes?: { key: string; value: string }[];
}

/**
 * Changes the fields given and leaves the rest (the editor saves each field as it changes). An edit that
 * changes nothing records nothing.
 */
export async function updateProduct(ctx: Ctx, input: UpdateProductInput): Promise<TProductDetail> {
  return refusingDuplicates(
    () =>
      inTransaction(ctx, async (tx) => {
        const row = await findProductRow(tx, input.id);
        // Lock the row: two editors saving at once take turns, and each audit entry sees the other's result.
        await tx.db
          .select({ id: products.id })
          .from(products)
          .where(and(eq(products.channelId, tx.channelId), eq(products.id, row.id)))
          .for('update');
        const before = await getProduct(tx, { id: row.id });
        const set: Partial<typeof products.$inferInsert> = {};
        if (input.title !== undefined) set.title = input.title;
        if (input.description !== undefined) set.description = input.description;
        if (input.slug !== undefined && input.slug !== row.slug) {
          await requireFreeProductSlug(tx, input.slug, row.id);
          set.slug = input.slug;
        }
        if (input.brandId !== undefined) {
          const brand = input.brandId ? await findBrand(tx, input.brandId) : null;
          set.brandId = brand?.id ?? null;
          set.brandName = brand?.name ?? null;
        }
        if (input.categoryIds !== undefined) await setProductCategories(tx, row.id, input.categoryIds);
        if (input.attributes !== undefined) await setProductAttributes(tx, row.id, input.attributes);
        if (Object.keys(set).length)
          await tx.db
            .update(products)
            .set(set)
            .where(and(eq(products.channelId, tx.channelId), eq(products.id, row.id)));
        const after = await getProduct(tx, { id: row.id });
        const changed =
          JSON.stringify({ ...before, updatedAt: '' }) !== JSON.stringify({ ...after, updatedAt: '' });
        if (!changed) return before;
        await tx.db
          .update(products)
          .set({ updatedAt: tx.clock.now() })
          .where(and(eq(products.channelId, tx.channelId), eq(products.id, row.id)));
        await auditProduct(tx, 'catalog.products.update', row.id, before, after);
        return { ...after, updatedAt: tx.clock.now().toISOString() };
      }),
    { products_channel_slug_key: slugTaken('product', input.slug ?? '') },
  );
}
