import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { convert } from './convert';
import { currencyExponent } from './currencies';
import type { RoundingMode } from './decimal';
import { fromMajor, money } from './money';
import { currencyArb, decimalText, moneyArb } from './test-arbitraries';

describe('converting between currencies', () => {
  it('$12.34 at 151.37 yen to the dollar is ¥1,868 (1,867.9058 rounded)', () => {
    const result = convert(fromMajor('12.34', 'USD'), 'JPY', '151.37');
    expect(result.money).toEqual(fromMajor('1868', 'JPY'));
  });

  it('¥1,000 at 0.002034 dinar to the yen is KWD 2.034: from no decimals to three', () => {
    expect(convert(fromMajor('1000', 'JPY'), 'KWD', '0.002034').money).toEqual(fromMajor('2.034', 'KWD'));
    expect(convert(fromMajor('1', 'JPY'), 'KWD', '0.002034').money).toEqual(fromMajor('0.002', 'KWD'));
  });

  it('KWD 1.234 at 3.25 dollars to the dinar is $4.01 (4.0105 rounded)', () => {
    expect(convert(fromMajor('1.234', 'KWD'), 'USD', '3.25').money).toEqual(fromMajor('4.01', 'USD'));
  });

  it('rounds half-even by default and as asked otherwise: €0.05 at 0.5 is 2.5 cents', () => {
    const fiveCents = fromMajor('0.05', 'EUR');
    expect(convert(fiveCents, 'USD', '0.5').money).toEqual(money(2n, 'USD'));
    expect(convert(fiveCents, 'USD', '0.5', 'half-up').money).toEqual(money(3n, 'USD'));
    expect(convert(fiveCents, 'USD', '0.5', 'ceil').money).toEqual(money(3n, 'USD'));
    expect(convert(fiveCents, 'USD', '0.5', 'floor').money).toEqual(money(2n, 'USD'));
  });

  it('hands back the rate, both currencies and the rounding, to be recorded with the result', () => {
    expect(convert(fromMajor('100.00', 'EUR'), 'USD', '1.0825')).toEqual({
      money: fromMajor('108.25', 'USD'),
      rate: '1.0825',
      from: 'EUR',
      to: 'USD',
      rounding: 'half-even',
    });
  });

  it('converts refunds (negative amounts) as the mirror image of payments', () => {
    expect(convert(fromMajor('-12.34', 'USD'), 'JPY', '151.37').money).toEqual(fromMajor('-1868', 'JPY'));
  });

  it('refuses a rate that is zero, negative, a float or in exponent notation, and an unknown currency', () => {
    const dollar = fromMajor('1.00', 'USD');
    for (const rate of ['0', '0.000', '-1.5', '1e2', ' 1.5', '', 'NaN'])
      expect(() => convert(dollar, 'EUR', rate), rate).toThrow(AppError);
    expect(() => convert(dollar, 'EUR', 1.5 as never)).toThrow(TypeError);
    expect(() => convert(dollar, 'eur' as never, '1')).toThrow(/in capitals, "EUR"/);
    expect(() => convert(dollar, 'EUR', '1', 'bankers' as never)).toThrow(/unknown rounding mode/);
  });

  /** The test's own rounding to nearest, ties to even, for p / q with q > 0. */
  function nearestEven(p: bigint, q: bigint): bigint {
    let floor = p / q;
    if (p % q !== 0n && p < 0n) floor -= 1n;
    const twice = 2n * (p - floor * q);
    if (twice < q) return floor;
    if (twice > q) return floor + 1n;
    return floor % 2n === 0n ? floor : floor + 1n;
  }

  it('property: equals the exact product rounded half-even, across exponents (3000 runs)', () => {
    fc.assert(
      fc.property(
        moneyArb(),
        currencyArb,
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 10 }),
        (m, to, coefficient, scale) => {
          const shift = currencyExponent(to) - currencyExponent(m.currency);
          // amount × coefficient / 10^scale × 10^shift, with both sides of the shift kept whole
          const p = m.amount * coefficient * 10n ** BigInt(Math.max(shift, 0));
          const q = 10n ** BigInt(scale + Math.max(-shift, 0));
          expect(convert(m, to, decimalText(coefficient, scale)).money).toEqual(money(nearestEven(p, q), to));
        },
      ),
      { numRuns: 3000 },
    );
  });

  /** Rates 2^a × 5^b have an exact decimal inverse (1.25 and 0.8, 0.004 and 250), written out here. */
  const exactRate = (a: number, b: number) => {
    const k = Math.max(0, -a, -b); // rate = 2^(a+k) × 5^(b+k) / 10^k
    const coefficient = 2n ** BigInt(a + k) * 5n ** BigInt(b + k);
    return { coefficient, scale: k, text: decimalText(coefficient, k) };
  };

  it('property: converting there and back at inverse rates lands within rounding of the start (3000 runs)', () => {
    fc.assert(
      fc.property(
        moneyArb(),
        currencyArb,
        fc.integer({ min: -8, max: 8 }),
        fc.integer({ min: -8, max: 8 }),
        fc.constantFrom<RoundingMode>('half-even', 'half-up', 'floor', 'ceil'),
        (m, to, a, b, mode) => {
          const there = exactRate(a, b);
          const back = exactRate(-a, -b);
          const result = convert(convert(m, to, there.text, mode).money, m.currency, back.text, mode).money;
          // Each leg is off by at most half a unit (nearest modes) or one unit (floor, ceil); the first leg's
          // error comes back magnified by 10^(e_from − e_to) / rate. So, with rate = N / 10^k:
          //   |result − start| ≤ u × (1 + 10^(e_from − e_to + k) / N), u = 1/2 or 1.
          const d = currencyExponent(m.currency) - currencyExponent(to) + there.scale;
          const scaleUp = 10n ** BigInt(Math.max(-d, 0));
          const gap = result.amount - m.amount;
          const lhs =
            (gap < 0n ? -gap : gap) * there.coefficient * scaleUp * (mode.startsWith('half') ? 2n : 1n);
          const rhs = there.coefficient * scaleUp + 10n ** BigInt(Math.max(d, 0));
          expect(result.currency).toBe(m.currency);
          expect(lhs <= rhs).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
