import { and, eq, inArray, max, min, ne, notInArray, sql } from 'drizzle-orm';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context';
import { AppError, badInput } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { type Money, moneyValues } from '../../platform/money';
import type { TProductDetail } from './catalog.types';
import { channelCurrency } from './channel-currency';
import { findProductRow, getProduct } from './get-product';
import { auditProduct } from './product-parts';
import { productOptions, products, productVariants } from './schema';
import { refusingDuplicates } from './unique-violation';
import { checkCombinations, type OptionDefinition } from './variant-combinations';

export interface VariantInput {
  id?: string;
  sku: string;
  barcode?: string | null;
  price: Money;
  options: Record<string, string>;
}

export interface SaveVariantsInput {
  productId: string;
  options: OptionDefinition[];
  /** The product's whole set: variants left out are removed, those with an id kept and changed. */
  variants: VariantInput[];
}

/** Keeps the product's price range (what the storefront filters and sorts on) in step with its variants. */
export async function refreshPriceRange(tx: TxCtx, productId: string): Promise<void> {
  const [range] = await tx.db
    .select({ lo: min(productVariants.priceAmount), hi: max(productVariants.priceAmount) })
    .from(productVariants)
    .where(and(eq(productVariants.channelId, tx.channelId), eq(productVariants.productId, productId)));
  await tx.db
    .update(products)
    .set({ minPriceAmount: range?.lo ?? null, maxPriceAmount: range?.hi ?? null })
    .where(and(eq(products.channelId, tx.channelId), eq(products.id, productId)));
}

/**
 * Sets a product's options and variants together, all or nothing: every variant must name one listed value
 * of each option, no combination or SKU twice (here or elsewhere in the channel), prices in the channel's
 * currency. Unchanged input changes nothing and records nothing.
 */
export async function saveVariants(ctx: Ctx, input: SaveVariantsInput): Promise<TProductDetail> {
  checkCombinations(input.options, input.variants);
  const skuTaken = () =>
    new AppError('CONFLICT', 'Use other SKUs: one of these was just given to another product', {
      field: 'variants',
    });
  return refusingDuplicates(
    () =>
      inTransaction(ctx, async (tx) => {
        const product = await findProductRow(tx, input.productId, 'productId');
        await tx.db
          .select({ id: products.id })
          .from(products)
          .where(and(eq(products.channelId, tx.channelId), eq(products.id, product.id)))
          .for('update');
        const currency = await channelCurrency(tx);
        input.variants.forEach((v, i) => {
          if (v.price.currency !== currency)
            throw badInput(
              `variants.${i}.price.currency`,
              `Use ${currency}, the currency of this shop's prices`,
            );
          if (v.price.amount < 0n)
            throw badInput(`variants.${i}.price.amount`, 'Enter a price of zero or more');
        });
        if (product.status === 'published' && input.variants.length === 0)
          throw badInput(
            'variants',
            'Keep at least one variant while the product is published, or unpublish it first',
          );

        const existing = await tx.db
          .select({ id: productVariants.id })
          .from(productVariants)
          .where(and(eq(productVariants.channelId, tx.channelId), eq(productVariants.productId, product.id)));
        const mine = new Set(existing.map((v) => v.id));
        input.variants.forEach((v, i) => {
          if (v.id && !mine.has(v.id))
            throw new AppError('NOT_FOUND', `Variant ${v.id} is not one of this product's`, {
              field: `variants.${i}.id`,
            });
        });
        const skus = input.variants.map((v) => v.sku);
        if (skus.length) {
          const taken = await tx.db
            .select({ sku: productVariants.sku })
            .from(productVariants)
            .where(
              and(
                eq(productVariants.channelId, tx.channelId),
                inArray(productVariants.sku, skus),
                ne(productVariants.productId, product.id),
              ),
            );
          if (taken.length) {
            const i = skus.indexOf(taken[0]!.sku);
            throw new AppError('CONFLICT', `Use another SKU: ${taken[0]!.sku} belongs to another product`, {
              field: `variants.${i}.sku`,
            });
          }
        }

        const before = await getProduct(tx, { id: product.id });
        const now = tx.clock.now();
        const kept = input.variants.filter((v) => v.id).map((v) => v.id!);
        const scope = and(
          eq(productVariants.channelId, tx.channelId),
          eq(productVariants.productId, product.id),
        );
        // Out of the way first, so SKUs and combinations can move between kept variants without a clash.
        if (kept.length)
          await tx.db
            .update(productVariants)
            .set({
              sku: sql`'~' || ${productVariants.id}::text`,
              options: sql`jsonb_build_object('~', ${productVariants.id})`,
            })
            .where(and(scope, inArray(productVariants.id, kept)));
        await tx.db
          .delete(productVariants)
          .where(kept.length ? and(scope, notInArray(productVariants.id, kept)) : scope);
        for (const [position, v] of input.variants.entries()) {
          const values = {
            sku: v.sku,
            barcode: v.barcode ?? null,
            options: v.options,
            ...moneyValues(v.price, 'price'),
            position,
            updatedAt: now,
          };
          if (v.id)
            await tx.db
              .update(productVariants)
              .set(values)
              .where(and(scope, eq(productVariants.id, v.id)));
          else
            await tx.db.insert(productVariants).values({
              id: newId(),
              channelId: tx.channelId,
              productId: product.id,
              createdAt: now,
              ...values,
            });
        }
        await tx.db
          .delete(productOptions)
          .where(and(eq(productOptions.channelId, tx.channelId), eq(productOptions.productId, product.id)));
        if (input.options.length)
          await tx.db.insert(productOptions).values(
            input.options.map((o, position) => ({
              id: newId(),
              channelId: tx.channelId,
              productId: product.id,
              name: o.name,
              values: o.values,
              position,
            })),
          );
        await refreshPriceRange(tx, product.id);

        const after = await getProduct(tx, { id: product.id });
        const same = (p: TProductDetail) =>
          JSON.stringify({
            o: p.options,
            v: p.variants.map(({ id: _id, ...v }) => v),
            ids: p.variants.map((v) => v.id),
          });
        if (same(before) === same(after)) return before;
        await tx.db
          .update(products)
          .set({ updatedAt: now })
          .where(and(eq(products.channelId, tx.channelId), eq(products.id, product.id)));
        await auditProduct(tx, 'catalog.products.saveVariants', product.id, before, after);
        return { ...after, updatedAt: now.toISOString() };
      }),
    { product_variants_channel_sku_key: skuTaken },
  );
}
