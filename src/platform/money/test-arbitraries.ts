/** fast-check generators shared by this folder's tests (not part of the public API). */
import fc from 'fast-check';
import { CURRENCY_CODES, type CurrencyCode, currencyExponent } from './currencies';
import { type Money, money } from './money';

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/**
 * A currency, drawn exponent first so the rare ones (0, 3 and 4 decimals: JPY, KWD, CLF) come up as often as
 * the 2-decimal majority.
 */
export const currencyArb: fc.Arbitrary<CurrencyCode> = fc
  .constantFrom(0, 2, 3, 4)
  .chain((exponent) => fc.constantFrom(...CURRENCY_CODES.filter((c) => currencyExponent(c) === exponent)));

/** Small amounts (where rounding ties live) as often as the whole int64 range. */
export const amountArb: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -10_000n, max: 10_000n }),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
);

export const moneyArb = (currency?: CurrencyCode): fc.Arbitrary<Money> =>
  fc.tuple(amountArb, currency ? fc.constant(currency) : currencyArb).map(([a, c]) => money(a, c));

/** coefficient × 10^-scale written out, the test's own way (independent of the code under test). */
export function decimalText(coefficient: bigint, scale: number): string {
  const negative = coefficient < 0n;
  const digits = (negative ? -coefficient : coefficient).toString().padStart(scale + 1, '0');
  const body =
    scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${body}` : body;
}

/** A decimal string with up to 12 decimals, as a rate or factor would be written. */
export const decimalArb = (opts: { positive?: boolean } = {}) =>
  fc
    .tuple(
      fc.bigInt({ min: opts.positive ? 1n : -(10n ** 15n), max: 10n ** 15n }),
      fc.integer({ min: 0, max: 12 }),
    )
    .map(([coefficient, scale]) => ({ coefficient, scale, text: decimalText(coefficient, scale) }));
