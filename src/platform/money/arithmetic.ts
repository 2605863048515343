import type { CurrencyCode } from './currencies';
import { checkRoundingMode, divideRounded, parseDecimal, pow10, type RoundingMode } from './decimal';
import { CurrencyMismatchError, invalidMoneyInput } from './errors';
import { type Money, money } from './money';

function sameCurrency(operation: string, a: Money, b: Money): CurrencyCode {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(operation, a.currency, b.currency);
  return a.currency;
}

export function add(a: Money, b: Money): Money {
  return money(a.amount + b.amount, sameCurrency('add', a, b));
}

export function subtract(a: Money, b: Money): Money {
  return money(a.amount - b.amount, sameCurrency('subtract', a, b));
}

export function negate(m: Money): Money {
  return money(-m.amount, m.currency);
}

export function abs(m: Money): Money {
  return m.amount < 0n ? negate(m) : m;
}

/** -1, 0 or 1 as `a` is less than, equal to or more than `b`. Different currencies have no order: throws. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency('compare', a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

/**
 * Same amount in the same currency. Amounts in different currencies are simply not equal (false), the way
 * two different values are not equal; ordering them (`compare`, `min`, `max`) throws instead.
 */
export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

export function isZero(m: Money): boolean {
  return m.amount === 0n;
}

export function isNegative(m: Money): boolean {
  return m.amount < 0n;
}

export function isPositive(m: Money): boolean {
  return m.amount > 0n;
}

export function min(first: Money, ...rest: Money[]): Money {
  return rest.reduce((low, m) => (compare(m, low) < 0 ? m : low), first);
}

export function max(first: Money, ...rest: Money[]): Money {
  return rest.reduce((high, m) => (compare(m, high) > 0 ? m : high), first);
}

/**
 * The total of a list, in `currency`. The currency is required so an empty list (an empty cart) still has a
 * total, and every item is checked against it.
 */
export function sum(items: Iterable<Money>, currency: CurrencyCode): Money {
  let total = 0n;
  for (const m of items) {
    if (m.currency !== currency) throw new CurrencyMismatchError('sum', currency, m.currency);
    total += m.amount;
  }
  return money(total, currency);
}

/**
 * The amount times a factor, rounded once to whole minor units: a decimal string (`'0.0825'` tax rate,
 * `'1.5'`, `'-1'`) or a bigint (a quantity). Exact: the factor is never a float, and `rounding`
 * (default half-even) applies only to the final result.
 */
export function multiply(m: Money, factor: string | bigint, rounding: RoundingMode = 'half-even'): Money {
  checkRoundingMode(rounding);
  if (typeof factor === 'bigint') return money(m.amount * factor, m.currency);
  if (typeof factor !== 'string')
    throw new TypeError(
      `multiply() takes a decimal string or a bigint, not ${typeof factor} ${String(factor)}`,
    );
  const decimal = parseDecimal(factor);
  if (!decimal)
    throw invalidMoneyInput(
      `factor ${JSON.stringify(factor)}: write it as a plain decimal such as "0.0825" or "1.5" (no exponent, no spaces)`,
    );
  return money(divideRounded(m.amount * decimal.coefficient, pow10(decimal.scale), rounding), m.currency);
}
