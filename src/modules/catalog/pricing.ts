import type { Ctx } from '../../platform/context';
import type { Money } from '../../platform/money';

/** What a price is asked for: a variant (or a product's "from" price, variantId null) and its list price. */
export interface PricedItem {
  productId: string;
  variantId: string | null;
  /** The price staff set on the variant (the product's lowest, for a "from" price). */
  listPrice: Money;
}

/**
 * How the catalog turns a list price into the price a shopper sees. The default is the list price; price
 * books, regional prices and promotions (a later issue) replace it with `setPricingStrategy` without
 * touching the catalog. Listing filters and sorts still run on list prices in the database.
 */
export interface PricingStrategy {
  priceOf(item: PricedItem, ctx: Ctx): Money | Promise<Money>;
}

export const listPricing: PricingStrategy = { priceOf: (item) => item.listPrice };

let strategy: PricingStrategy = listPricing;

export function setPricingStrategy(next: PricingStrategy): void {
  strategy = next;
}

/** The price a shopper pays for the item, through the strategy in force. */
export const priceOf = (item: PricedItem, ctx: Ctx): Promise<Money> =>
  Promise.resolve(strategy.priceOf(item, ctx));
