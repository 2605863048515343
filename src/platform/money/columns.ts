import { bigint, char } from 'drizzle-orm/pg-core';
import { type CurrencyCode, isCurrencyCode } from './currencies';
import { type Money, money } from './money';

const amountColumn = (name: string) => bigint(name, { mode: 'bigint' }).notNull();
const currencyColumn = (name: string) => char(name, { length: 3 }).$type<CurrencyCode>().notNull();

export type MoneyColumns<P extends string> = { [K in `${P}Amount`]: ReturnType<typeof amountColumn> } & {
  [K in `${P}Currency`]: ReturnType<typeof currencyColumn>;
};

/** A row (or insert values) holding one amount under `prefix`. */
export type MoneyFields<P extends string> = { [K in `${P}Amount`]: bigint } & {
  [K in `${P}Currency`]: CurrencyCode;
};

const PREFIX = /^[a-z][a-zA-Z0-9]*$/;

function snakeCase(prefix: string): string {
  if (!PREFIX.test(prefix))
    throw new TypeError(`money column prefix "${prefix}" must be camelCase, like "unitPrice"`);
  return prefix.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Two columns for one amount, to spread into a table: `moneyColumns('unitPrice')` gives
 * `unitPriceAmount` (`unit_price_amount bigint not null`, read as a JS bigint: every int8 value exactly)
 * and `unitPriceCurrency` (`unit_price_currency char(3) not null`).
 */
export function moneyColumns<P extends string>(prefix: P): MoneyColumns<P> {
  const column = snakeCase(prefix);
  return {
    [`${prefix}Amount`]: amountColumn(`${column}_amount`),
    [`${prefix}Currency`]: currencyColumn(`${column}_currency`),
  } as MoneyColumns<P>;
}

/** The Money stored under `prefix` in a row selected from a table with `moneyColumns(prefix)`. */
export function readMoney<P extends string>(row: NoInfer<MoneyFields<P>>, prefix: P): Money {
  const amount: unknown = row[`${prefix}Amount`];
  const currency: unknown = row[`${prefix}Currency`];
  // What the database holds was written by code, so a bad value here is damaged data, not bad input.
  if (typeof amount !== 'bigint')
    throw new TypeError(`${prefix}Amount should be a bigint (column mode 'bigint'), got ${typeof amount}`);
  if (!isCurrencyCode(currency))
    throw new TypeError(`${prefix}Currency holds ${JSON.stringify(currency)}, not an ISO 4217 currency code`);
  return money(amount, currency);
}

/** The values to insert or update for `prefix`: `{ unitPriceAmount: 1250n, unitPriceCurrency: 'USD' }`. */
export function moneyValues<P extends string>(m: Money, prefix: P): MoneyFields<P> {
  return { [`${prefix}Amount`]: m.amount, [`${prefix}Currency`]: m.currency } as MoneyFields<P>;
}
