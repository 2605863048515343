import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  abs,
  add,
  compare,
  equals,
  isNegative,
  isPositive,
  isZero,
  max,
  min,
  multiply,
  negate,
  subtract,
  sum,
} from './arithmetic';
import type { RoundingMode } from './decimal';
import { CurrencyMismatchError } from './errors';
import { fromMajor, type Money, money, toMajorString } from './money';
import { currencyArb, decimalArb, moneyArb } from './test-arbitraries';

const usd = (major: string) => fromMajor(major, 'USD');

/**
 * The test's own rounding of numerator / denominator (denominator > 0), built on floor division and the
 * fraction left over, not on the truncating division the code uses.
 */
function referenceRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  let floor = numerator / denominator;
  if (numerator % denominator !== 0n && numerator < 0n) floor -= 1n;
  const fraction = numerator - floor * denominator; // 0 ≤ fraction < denominator
  if (fraction === 0n) return floor;
  if (mode === 'floor') return floor;
  if (mode === 'ceil') return floor + 1n;
  const twice = 2n * fraction;
  if (twice < denominator) return floor;
  if (twice > denominator) return floor + 1n;
  // exactly half way between floor and floor + 1
  if (mode === 'half-even') return floor % 2n === 0n ? floor : floor + 1n;
  return numerator < 0n ? floor : floor + 1n; // half-up: away from zero
}

describe('adding and comparing', () => {
  it('adds, subtracts, negates: $12.34 + $0.66 = $13.00, $1.00 - $1.05 = -$0.05', () => {
    expect(add(usd('12.34'), usd('0.66'))).toEqual(usd('13.00'));
    expect(subtract(usd('1.00'), usd('1.05'))).toEqual(usd('-0.05'));
    expect(negate(usd('3.50'))).toEqual(usd('-3.50'));
    expect(abs(usd('-3.50'))).toEqual(usd('3.50'));
    expect(abs(usd('3.50'))).toEqual(usd('3.50'));
  });

  it('USD and EUR cannot be added, subtracted or compared', () => {
    const dollars = usd('1.00');
    const euros = fromMajor('1.00', 'EUR');
    expect(() => add(dollars, euros)).toThrow(CurrencyMismatchError);
    expect(() => add(dollars, euros)).toThrow('Cannot add USD and EUR');
    expect(() => subtract(dollars, euros)).toThrow(CurrencyMismatchError);
    expect(() => compare(dollars, euros)).toThrow(CurrencyMismatchError);
    expect(() => min(dollars, euros)).toThrow(CurrencyMismatchError);
    expect(() => max(euros, dollars)).toThrow(CurrencyMismatchError);
    try {
      add(dollars, euros);
    } catch (err) {
      expect(err).not.toBeInstanceOf(AppError); // a bug in the caller, not bad input
      expect(err).toMatchObject({ operation: 'add', left: 'USD', right: 'EUR' });
    }
  });

  it('one dollar and one euro are simply not equal', () => {
    expect(equals(usd('1.00'), fromMajor('1.00', 'EUR'))).toBe(false);
    expect(equals(usd('1.00'), money(100n, 'USD'))).toBe(true);
    expect(equals(usd('1.00'), usd('1.01'))).toBe(false);
  });

  it('orders amounts and tells zero, negative and positive apart', () => {
    expect(compare(usd('1.00'), usd('2.00'))).toBe(-1);
    expect(compare(usd('2.00'), usd('2.00'))).toBe(0);
    expect(compare(usd('2.00'), usd('-2.00'))).toBe(1);
    expect(min(usd('5.00'), usd('-1.00'), usd('3.00'))).toEqual(usd('-1.00'));
    expect(max(usd('5.00'), usd('-1.00'), usd('3.00'))).toEqual(usd('5.00'));
    expect(isZero(usd('0.00'))).toBe(true);
    expect(isNegative(usd('-0.01'))).toBe(true);
    expect(isNegative(usd('0.00'))).toBe(false);
    expect(isPositive(usd('0.01'))).toBe(true);
    expect(isPositive(usd('0.00'))).toBe(false);
  });

  it('an empty cart totals zero in its currency; a euro item in a dollar cart is refused', () => {
    expect(sum([], 'USD')).toEqual(usd('0.00'));
    expect(sum([usd('1.10'), usd('2.20'), usd('-0.30')], 'USD')).toEqual(usd('3.00'));
    expect(() => sum([usd('1.00'), fromMajor('1.00', 'EUR')], 'USD')).toThrow(CurrencyMismatchError);
    expect(() => sum([usd('1.00')], 'EUR')).toThrow(CurrencyMismatchError);
  });

  it('property: subtracting what was added gives the start back, and adding is associative and commutative (2000 runs)', () => {
    fc.assert(
      fc.property(
        currencyArb.chain((c) => fc.tuple(moneyArb(c), moneyArb(c), moneyArb(c))),
        ([a, b, c]) => {
          expect(subtract(add(a, b), b)).toEqual(a);
          expect(add(subtract(a, b), b)).toEqual(a);
          expect(add(add(a, b), c)).toEqual(add(a, add(b, c)));
          expect(add(a, b)).toEqual(add(b, a));
          expect(add(a, negate(a)).amount).toBe(0n);
          expect(negate(negate(a))).toEqual(a);
          expect(isNegative(abs(a))).toBe(false);
          expect(compare(a, b) + compare(b, a)).toBe(0);
          expect(sum([a, b, c], a.currency)).toEqual(add(add(a, b), c));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('multiplying by a rate', () => {
  it('half-even: 0.125 rounds to 0.12 and 0.135 to 0.14', () => {
    expect(toMajorString(multiply(usd('1.00'), '0.125'))).toBe('0.12');
    expect(toMajorString(multiply(usd('1.00'), '0.135'))).toBe('0.14');
    expect(toMajorString(multiply(usd('-1.00'), '0.125'))).toBe('-0.12');
    expect(toMajorString(multiply(usd('-1.00'), '0.135'))).toBe('-0.14');
  });

  it('half-up rounds the tie away from zero: 0.125 to 0.13, -0.125 to -0.13', () => {
    expect(toMajorString(multiply(usd('1.00'), '0.125', 'half-up'))).toBe('0.13');
    expect(toMajorString(multiply(usd('-1.00'), '0.125', 'half-up'))).toBe('-0.13');
    expect(toMajorString(multiply(usd('1.00'), '0.124', 'half-up'))).toBe('0.12');
  });

  it('floor goes down and ceil goes up, for refunds too: -0.125 floors to -0.13 and ceils to -0.12', () => {
    expect(toMajorString(multiply(usd('1.00'), '0.129', 'floor'))).toBe('0.12');
    expect(toMajorString(multiply(usd('1.00'), '0.121', 'ceil'))).toBe('0.13');
    expect(toMajorString(multiply(usd('-1.00'), '0.125', 'floor'))).toBe('-0.13');
    expect(toMajorString(multiply(usd('-1.00'), '0.125', 'ceil'))).toBe('-0.12');
  });

  it('8.25% sales tax on $19.99 is $1.65; three at $19.99 is $59.97', () => {
    expect(multiply(usd('19.99'), '0.0825')).toEqual(usd('1.65'));
    expect(multiply(usd('19.99'), 3n)).toEqual(usd('59.97'));
    expect(multiply(usd('19.99'), '1.5')).toEqual(usd('29.98')); // 29.985, tie to even
    expect(multiply(fromMajor('1000', 'JPY'), '0.1')).toEqual(fromMajor('100', 'JPY'));
  });

  it('stays exact far past 2^53: $92,233,720,368,547,758.07 × 1.1', () => {
    expect(toMajorString(multiply(money(9223372036854775807n, 'USD'), '1.1'))).toBe('101457092405402533.88');
  });

  it('refuses a rate given as a float, in exponent notation or with spaces', () => {
    expect(() => multiply(usd('1.00'), 0.5 as never)).toThrow(TypeError);
    for (const rate of ['1e-2', '0.5 ', ' 0.5', '.5', '5.', 'NaN', '', '1/2', '50%'])
      expect(() => multiply(usd('1.00'), rate), rate).toThrow(AppError);
  });

  it('refuses an unknown rounding mode even when nothing needs rounding', () => {
    expect(() => multiply(usd('1.00'), '2', 'HALF_EVEN' as never)).toThrow(/unknown rounding mode/);
  });

  it('property: matches an independent rational reference for every rounding mode (4000 runs)', () => {
    fc.assert(
      fc.property(
        moneyArb(),
        decimalArb(),
        fc.constantFrom<RoundingMode>('half-even', 'half-up', 'floor', 'ceil'),
        (m: Money, rate, mode) => {
          const expected = referenceRound(m.amount * rate.coefficient, 10n ** BigInt(rate.scale), mode);
          expect(multiply(m, rate.text, mode)).toEqual(money(expected, m.currency));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('property: half-even ties go to the even neighbour (2000 runs of exact halves)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), currencyArb, (k, currency) => {
        // (2k + 1) × 0.5 is exactly k + 0.5
        const result = multiply(money(2n * k + 1n, currency), '0.5');
        expect(result.amount % 2n).toBe(0n);
        expect(result.amount === k || result.amount === k + 1n).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
