import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { allocate, allocateEvenly, type Ratio } from './allocate';
import { fromMajor, type Money, money, toMajorString } from './money';
import { decimalText, moneyArb } from './test-arbitraries';

const usd = (major: string) => fromMajor(major, 'USD');
const majors = (shares: Money[]) => shares.map(toMajorString);

describe('splitting an amount', () => {
  it('splitting $100.00 three ways gives 33.34, 33.33, 33.33', () => {
    expect(majors(allocate(usd('100.00'), [1, 1, 1]))).toEqual(['33.34', '33.33', '33.33']);
    expect(majors(allocateEvenly(usd('100.00'), 3))).toEqual(['33.34', '33.33', '33.33']);
  });

  it('a refund of -$100.00 split three ways mirrors it: -33.34, -33.33, -33.33', () => {
    expect(majors(allocate(usd('-100.00'), [1, 1, 1]))).toEqual(['-33.34', '-33.33', '-33.33']);
    expect(majors(allocateEvenly(usd('-100.00'), 3))).toEqual(['-33.34', '-33.33', '-33.33']);
  });

  it('the leftover cents go to the shares closest to their next cent: 10¢ by 1:2:4 gives 1¢, 3¢, 6¢', () => {
    // exact shares 1.43, 2.86, 5.71: rounding down leaves 2¢ for the two largest remainders
    expect(allocate(money(10n, 'USD'), [1, 2, 4]).map((s) => s.amount)).toEqual([1n, 3n, 6n]);
  });

  it('equal remainders favour the earlier share: 1¢ split 1:1 gives 1¢, 0¢', () => {
    expect(allocate(money(1n, 'USD'), [1, 1]).map((s) => s.amount)).toEqual([1n, 0n]);
    expect(allocate(money(5n, 'USD'), [3, 7]).map((s) => s.amount)).toEqual([2n, 3n]);
  });

  it('a creator at 70% and the platform at 30% of $9.99: 6.99 and 3.00', () => {
    expect(majors(allocate(usd('9.99'), [70, 30]))).toEqual(['6.99', '3.00']);
    expect(majors(allocate(usd('9.99'), ['0.7', '0.3']))).toEqual(['6.99', '3.00']);
    expect(majors(allocate(usd('9.99'), [0.7, 0.3]))).toEqual(['6.99', '3.00']);
    expect(majors(allocate(usd('9.99'), [7n, 3n]))).toEqual(['6.99', '3.00']);
  });

  it('a zero ratio gets nothing: $10.00 by 1:0:1 gives 5.00, 0.00, 5.00', () => {
    expect(majors(allocate(usd('10.00'), [1, 0, 1]))).toEqual(['5.00', '0.00', '5.00']);
    expect(majors(allocate(usd('0.01'), [0, 1, 0]))).toEqual(['0.00', '0.01', '0.00']);
  });

  it('keeps the currency and has no decimals to share in yen: ¥1000 three ways is 334, 333, 333', () => {
    const shares = allocate(fromMajor('1000', 'JPY'), [1, 1, 1]);
    expect(shares).toEqual([money(334n, 'JPY'), money(333n, 'JPY'), money(333n, 'JPY')]);
  });

  it('refuses no ratios, negative ratios and ratios that are all zero', () => {
    expect(() => allocate(usd('1.00'), [])).toThrow(RangeError);
    expect(() => allocate(usd('1.00'), [0, 0])).toThrow(/at least one ratio above zero/);
    expect(() => allocate(usd('1.00'), [1, -1])).toThrow(/negative/);
    expect(() => allocate(usd('1.00'), ['-0.5', '1'])).toThrow(/negative/);
    expect(() => allocate(usd('1.00'), [Number.NaN])).toThrow(RangeError);
    expect(() => allocate(usd('1.00'), [Number.POSITIVE_INFINITY, 1])).toThrow(RangeError);
    expect(() => allocate(usd('1.00'), [1e-7])).toThrow(/decimal string/);
    expect(() => allocate(usd('1.00'), ['1e3'])).toThrow(AppError);
    expect(() => allocateEvenly(usd('1.00'), 0)).toThrow(RangeError);
    expect(() => allocateEvenly(usd('1.00'), 1.5)).toThrow(RangeError);
  });

  const ratioArb: fc.Arbitrary<Ratio> = fc.oneof(
    fc.bigInt({ min: 0n, max: 1000n }),
    fc.nat({ max: 1_000_000 }),
    fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 6 }))
      .map(([c, s]) => decimalText(c, s)),
  );
  const ratiosArb = fc
    .array(ratioArb, { minLength: 1, maxLength: 12 })
    .filter((ratios) => ratios.some((r) => Number(r) > 0));

  /** Each ratio as an exact fraction weight / 10^6 (the generators use at most 6 decimals). */
  const weight = (r: Ratio) => {
    const [whole = '', fraction = ''] = String(r).split('.');
    return BigInt(whole + fraction.padEnd(6, '0'));
  };

  it('property: the shares add up to the amount exactly and each is less than a minor unit from its exact value (3000 runs)', () => {
    fc.assert(
      fc.property(moneyArb(), ratiosArb, (m, ratios) => {
        const shares = allocate(m, ratios);
        expect(shares).toHaveLength(ratios.length);
        expect(shares.reduce((total, s) => total + s.amount, 0n)).toBe(m.amount);
        const weights = ratios.map(weight);
        const total = weights.reduce((a, b) => a + b, 0n);
        shares.forEach((share, i) => {
          expect(share.currency).toBe(m.currency);
          // |share − amount × w / total| < 1  ⇔  |share × total − amount × w| < total
          const gap = share.amount * total - m.amount * weights[i]!;
          expect(gap < total && gap > -total).toBe(true);
          if (weights[i] === 0n) expect(share.amount).toBe(0n);
          if (share.amount !== 0n) expect(share.amount < 0n).toBe(m.amount < 0n);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('property: splitting -x is the mirror of splitting x (1000 runs)', () => {
    fc.assert(
      fc.property(moneyArb(), ratiosArb, (m, ratios) => {
        const negated = money(-m.amount, m.currency);
        expect(allocate(negated, ratios).map((s) => -s.amount)).toEqual(
          allocate(m, ratios).map((s) => s.amount),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('property: allocateEvenly(m, n) is allocate with n equal ratios, shares at most one unit apart (2000 runs)', () => {
    fc.assert(
      fc.property(moneyArb(), fc.integer({ min: 1, max: 50 }), (m, n) => {
        const even = allocateEvenly(m, n);
        expect(even).toEqual(allocate(m, Array(n).fill(1)));
        const amounts = even.map((s) => s.amount);
        const sorted = [...amounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const spread = sorted.at(-1)! - sorted[0]!;
        expect(spread <= 1n).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
