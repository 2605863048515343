import { z } from 'zod';
import { CURRENCY_CODES, type CurrencyCode, isCurrencyCode } from './currencies';
import { type Money, minorUnitsProblem, money } from './money';

/**
 * Money on the wire (API input and output): `{ "amount": "1250", "currency": "USD" }`. The amount is a
 * string of whole minor units, never a JSON number: numbers are floats to most clients and lose cents past
 * 2^53. Every value has one spelling: the currency in capitals as ISO writes it, the amount as digits with an
 * optional minus. Input that is off by a little (`"usd"`, `" 12"`, `"12.50"`) is refused with a message
 * that says what to send, rather than guessed at, so what is stored, hashed for Idempotency-Key and echoed
 * back is exactly what the client sent.
 */

/** The database column is a PostgreSQL bigint, so amounts from outside must fit one. */
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const AMOUNT_EXAMPLE = 'a string of whole minor units, such as "1250" for 12.50 USD';

/** Messages here are shown beside the field they are about: each a sentence of its own. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Whole minor units as text: digits with an optional minus, within PostgreSQL's bigint. */
export const ZMinorUnits = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? `Enter ${AMOUNT_EXAMPLE}`
        : `Send the amount as ${AMOUNT_EXAMPLE}, not ${kindOf(issue.input)}`,
  })
  .superRefine((text, ctx) => {
    const problem = minorUnitsProblem(text);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: sentence(problem), input: text });
      return;
    }
    const value = BigInt(text);
    if (value > INT64_MAX)
      ctx.addIssue({ code: 'custom', message: `Use at most ${INT64_MAX} minor units`, input: text });
    else if (value < INT64_MIN)
      ctx.addIssue({ code: 'custom', message: `Use at least ${INT64_MIN} minor units`, input: text });
  })
  .meta({
    description: 'Whole minor units (cents for USD, yen for JPY, fils for KWD) as a string of digits',
    pattern: '^(0|-?[1-9][0-9]*)$',
    examples: ['1250'],
  });

function currencyProblem(input: unknown): string {
  if (input === undefined) return 'Enter a three-letter ISO 4217 code such as "USD"';
  if (typeof input !== 'string')
    return `Send the currency as a three-letter code such as "USD", not ${kindOf(input)}`;
  if (isCurrencyCode(input.toUpperCase()))
    return `Write the currency code in capitals: "${input.toUpperCase()}"`;
  return `${JSON.stringify(input)} is not a currency we know: use a three-letter ISO 4217 code such as "USD"`;
}

/** An active ISO 4217 code in capitals. Lower case is refused with a message naming the right spelling. */
export const ZCurrencyCode = z
  .enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]], {
    error: (issue) => currencyProblem(issue.input),
  })
  .meta({ description: 'ISO 4217 currency code in capitals', examples: ['USD'] });

const moneyShape = {
  amount: ZMinorUnits,
  currency: ZCurrencyCode,
};

/** Money as it travels: `{ amount: "1250", currency: "USD" }`. */
export const ZMoneyWire = z.strictObject(moneyShape, {
  error: (issue) => {
    if (issue.code === 'invalid_type')
      return `Send money as { "amount": "1250", "currency": "USD" }, not ${kindOf(issue.input)}`;
    if (issue.code === 'unrecognized_keys')
      return `Money has only "amount" and "currency"; remove ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    return undefined;
  },
});

/** API input: the wire shape, parsed into a `Money`. Use in tRPC `.input()` (alone or as a field). */
export const ZMoney = ZMoneyWire.transform(({ amount, currency }): Money => money(amount, currency));

/** API output: what `toWire(m)` gives. Use in tRPC `.output()`; it is plain JSON. */
export const ZMoneyOut = z.object(moneyShape);

export type MoneyWire = z.output<typeof ZMoneyOut>;

/** Money for an API answer or an event payload: plain JSON, amount as a string of minor units. */
export function toWire(m: Money): MoneyWire {
  return { amount: m.amount.toString(), currency: m.currency };
}
