import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context';
import { AppError, badInput } from '../../platform/errors';
import { type Money, money, moneyValues, multiply } from '../../platform/money';
import { moveProductStatus } from './change-product-status';
import { channelCurrency } from './channel-currency';
import { getProduct, productNotFound } from './get-product';
import { auditProduct } from './product-parts';
import { refreshPriceRange } from './save-variants';
import { type ProductStatus, products, productVariants } from './schema';

export interface BulkEditInput {
  ids: string[];
  status?: ProductStatus;
  /** Every variant of each product gets this price. */
  price?: Money;
  /** Every variant's price changes by this percentage ("-10", "12.5"), rounded half-even to the minor unit. */
  priceChangePercent?: string;
}

/**
 * One change applied to a selection of products, all or nothing: a product that is not there, a status
 * one of them cannot move to, a price that would go below zero, and nothing changes. Each product that
 * changed gets its own audit entry with before and after.
 */
export async function bulkEditProducts(ctx: Ctx, input: BulkEditInput): Promise<{ changed: number }> {
  if (input.status === undefined && input.price === undefined && input.priceChangePercent === undefined)
    throw badInput('status', 'Choose a status or a price change for the selected products');
  if (input.price !== undefined && input.priceChangePercent !== undefined)
    throw badInput('priceChangePercent', 'Set a price or change prices by a percentage, not both');
  const ids = [...new Set(input.ids)];
  return inTransaction(ctx, async (tx) => {
    const rows = await tx.db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.channelId, tx.channelId), inArray(products.id, ids)))
      .orderBy(products.id)
      .for('update');
    const found = new Set(rows.map((r) => r.id));
    const missing = input.ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw productNotFound(input.ids[missing]!, `ids.${missing}`);
    if (input.price) {
      const currency = await channelCurrency(tx);
      if (input.price.currency !== currency)
        throw badInput('price.currency', `Use ${currency}, the currency of this shop's prices`);
      if (input.price.amount < 0n) throw badInput('price.amount', 'Enter a price of zero or more');
    }
    const factor =
      input.priceChangePercent === undefined ? undefined : percentFactor(input.priceChangePercent);

    let changed = 0;
    const now = tx.clock.now();
    for (const id of ids) {
      const field = `ids.${input.ids.indexOf(id)}`;
      const before = await getProduct(tx, { id });
      if (input.price || factor) {
        const variants = await tx.db
          .select()
          .from(productVariants)
          .where(and(eq(productVariants.channelId, tx.channelId), eq(productVariants.productId, id)));
        for (const v of variants) {
          const next = input.price ?? multiply(money(v.priceAmount, v.priceCurrency), factor!, 'half-even');
          if (next.amount < 0n)
            throw badInput('priceChangePercent', 'Choose a change that keeps every price at zero or more');
          await tx.db
            .update(productVariants)
            .set({ ...moneyValues(next, 'price'), updatedAt: now })
            .where(and(eq(productVariants.channelId, tx.channelId), eq(productVariants.id, v.id)));
        }
        await refreshPriceRange(tx, id);
      }
      if (input.status) {
        try {
          await moveProductStatus(tx, id, input.status, field);
        } catch (e) {
          if (e instanceof AppError) throw new AppError(e.code, e.message, { field, details: e.details });
          throw e;
        }
      }
      const after = await getProduct(tx, { id });
      if (JSON.stringify({ ...before, updatedAt: '' }) === JSON.stringify({ ...after, updatedAt: '' }))
        continue;
      await tx.db
        .update(products)
        .set({ updatedAt: now })
        .where(and(eq(products.channelId, tx.channelId), eq(products.id, id)));
      await auditProduct(tx, 'catalog.products.bulkEdit', id, before, after);
      changed++;
    }
    return { changed };
  });
}

/** "-10" → "0.90", "12.5" → "1.125": the factor a percentage change multiplies by, as a decimal string. */
export function percentFactor(percent: string): string {
  const m = /^(-?)(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent);
  if (!m) throw badInput('priceChangePercent', 'Write the change as a percentage such as "-10" or "12.5"');
  const hundredths = BigInt(m[2]! + (m[3] ?? '').padEnd(2, '0')) * (m[1] ? -1n : 1n);
  const factor = 10000n + hundredths; // in ten-thousandths
  if (factor < 0n) throw badInput('priceChangePercent', 'Choose a change of -100% or more');
  const s = factor.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}
