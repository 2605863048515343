import { and, eq, sql } from 'drizzle-orm';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { TProductDetail } from './catalog.types';
import { findProductRow, getProduct } from './get-product';
import { auditProduct } from './product-parts';
import { checkStatusMove } from './product-status';
import { type ProductStatus, products } from './schema';

/**
 * Moves one product to a status inside the caller's transaction, checked against the transition table;
 * publishing needs a priced variant. Returns whether anything changed (the same status is a no-op).
 */
export async function moveProductStatus(
  tx: TxCtx,
  id: string,
  to: ProductStatus,
  field = 'id',
): Promise<boolean> {
  const row = await findProductRow(tx, id, field);
  if (row.status === to) return false;
  checkStatusMove(row.status, to, `"${row.title}"`);
  if (to === 'published' && row.minPriceAmount === null)
    throw new AppError('CONFLICT', `Add a variant with a price before publishing "${row.title}"`, {
      field,
      details: { productId: id },
    });
  const now = tx.clock.now();
  await tx.db
    .update(products)
    .set({
      status: to,
      updatedAt: now,
      // First publication is what "newest" sorts by; republishing keeps the original date.
      ...(to === 'published' ? { publishedAt: sql`coalesce(${products.publishedAt}, ${now})` } : {}),
    })
    .where(and(eq(products.channelId, tx.channelId), eq(products.id, id)));
  return true;
}

async function changeStatus(
  ctx: Ctx,
  id: string,
  to: ProductStatus,
  action: string,
): Promise<TProductDetail> {
  return inTransaction(ctx, async (tx) => {
    const before = await getProduct(tx, { id });
    if (!(await moveProductStatus(tx, id, to))) return before;
    const after = await getProduct(tx, { id });
    await auditProduct(tx, action, id, before, after);
    return after;
  });
}

export const publishProduct = (ctx: Ctx, input: { id: string }) =>
  changeStatus(ctx, input.id, 'published', 'catalog.products.publish');
export const archiveProduct = (ctx: Ctx, input: { id: string }) =>
  changeStatus(ctx, input.id, 'archived', 'catalog.products.archive');
/** Back to draft: off the storefront, editable, publishable again. */
export const unpublishProduct = (ctx: Ctx, input: { id: string }) =>
  changeStatus(ctx, input.id, 'draft', 'catalog.products.unpublish');
