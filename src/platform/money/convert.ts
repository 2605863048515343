import { type CurrencyCode, currencyExponent } from './currencies';
import { checkRoundingMode, divideRounded, parseDecimal, pow10, type RoundingMode } from './decimal';
import { invalidMoneyInput } from './errors';
import { type Money, money } from './money';

/** What a conversion produced and everything needed to record it: the rate, both currencies, the rounding. */
export interface Conversion {
  /** The converted amount, in `to`. */
  readonly money: Money;
  /** The rate used, exactly as given: how many units of `to` one unit of `from` buys (major units). */
  readonly rate: string;
  readonly from: CurrencyCode;
  readonly to: CurrencyCode;
  readonly rounding: RoundingMode;
}

/**
 * Converts an amount at `rate`, given as a decimal string in major units (`'151.37'` for USD → JPY: one
 * dollar buys 151.37 yen). Exact across different minor units (USD has 2 decimals, JPY 0, KWD 3): the
 * result is amount × rate × 10^(to's exponent − from's exponent), rounded once by `rounding` (default
 * half-even). Returns the rate with the result so the caller records what it used.
 */
export function convert(
  m: Money,
  to: CurrencyCode,
  rate: string,
  rounding: RoundingMode = 'half-even',
): Conversion {
  checkRoundingMode(rounding);
  const target = money(0n, to).currency; // refuses an unknown target currency
  if (typeof rate !== 'string')
    throw new TypeError(`convert() takes the rate as a decimal string, not ${typeof rate} ${String(rate)}`);
  const decimal = parseDecimal(rate);
  if (!decimal)
    throw invalidMoneyInput(
      `exchange rate ${JSON.stringify(rate)}: write it as a plain decimal such as "151.37" or "0.0066" (no exponent, no spaces)`,
    );
  if (decimal.coefficient <= 0n)
    throw invalidMoneyInput(`exchange rate ${JSON.stringify(rate)}: a rate must be above zero`);

  const shift = currencyExponent(target) - currencyExponent(m.currency);
  // amount × (coefficient / 10^scale) × 10^shift, as one fraction with a positive denominator.
  let numerator = m.amount * decimal.coefficient;
  let denominator = pow10(decimal.scale);
  if (shift >= 0) numerator *= pow10(shift);
  else denominator *= pow10(-shift);
  return Object.freeze({
    money: money(divideRounded(numerator, denominator, rounding), target),
    rate,
    from: m.currency,
    to: target,
    rounding,
  });
}
