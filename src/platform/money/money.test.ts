import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { currencyExponent } from './currencies';
import { fromMajor, money, toMajorString, zero } from './money';
import { moneyArb } from './test-arbitraries';

function validationMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    return (err as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('making money', () => {
  it('takes whole minor units as a bigint or an integer string', () => {
    expect(money(1234n, 'USD')).toEqual({ amount: 1234n, currency: 'USD' });
    expect(money('-1234', 'USD')).toEqual({ amount: -1234n, currency: 'USD' });
    expect(money('9223372036854775807', 'EUR').amount).toBe(9223372036854775807n);
    expect(zero('JPY')).toEqual({ amount: 0n, currency: 'JPY' });
  });

  it('cannot be changed once made', () => {
    const m = money(100n, 'USD');
    expect(Object.isFrozen(m)).toBe(true);
    expect(() => {
      (m as { amount: bigint }).amount = 1n;
    }).toThrow(TypeError);
    expect(m.amount).toBe(100n);
  });

  it('refuses an amount that is not whole minor units, saying why', () => {
    expect(validationMessage(() => money('12.5', 'USD'))).toMatch(/without a decimal point/);
    expect(validationMessage(() => money('1e3', 'USD'))).toMatch(/exponent notation/);
    expect(validationMessage(() => money(' 12', 'USD'))).toMatch(/without spaces/);
    expect(validationMessage(() => money('', 'USD'))).toMatch(/whole number of minor units/);
    expect(validationMessage(() => money('+12', 'USD'))).toMatch(/whole number of minor units/);
    expect(validationMessage(() => money('NaN', 'USD'))).toMatch(/whole number of minor units/);
    expect(validationMessage(() => money('007', 'USD'))).toMatch(/write it as "7"/);
    expect(validationMessage(() => money('-0', 'USD'))).toMatch(/write it as "0"/);
    expect(() => money(12.5 as never, 'USD')).toThrow(TypeError);
    expect(() => money(12 as never, 'USD')).toThrow(TypeError);
  });

  it('refuses a currency it does not know, and names the capitals for a lower-case one', () => {
    expect(validationMessage(() => money(1n, 'usd' as never))).toMatch(/in capitals, "USD"/);
    expect(validationMessage(() => money(1n, 'ABC' as never))).toMatch(
      /"ABC" is not an ISO 4217 currency code/,
    );
  });
});

describe('major units (12.34) in and out', () => {
  it('reads $12.34 as 1234 cents, ¥1000 as 1000 yen and KWD 1.234 as 1234 fils', () => {
    expect(fromMajor('12.34', 'USD')).toEqual(money(1234n, 'USD'));
    expect(fromMajor('12', 'USD')).toEqual(money(1200n, 'USD'));
    expect(fromMajor('12.3', 'USD')).toEqual(money(1230n, 'USD'));
    expect(fromMajor('-0.05', 'USD')).toEqual(money(-5n, 'USD'));
    expect(fromMajor('1000', 'JPY')).toEqual(money(1000n, 'JPY'));
    expect(fromMajor('1.234', 'KWD')).toEqual(money(1234n, 'KWD'));
    expect(fromMajor('0.0001', 'CLF')).toEqual(money(1n, 'CLF'));
    expect(fromMajor('92233720368547758.07', 'USD').amount).toBe(9223372036854775807n);
  });

  it('refuses more decimals than the currency has rather than rounding: 12.345 USD, 1000.5 JPY', () => {
    expect(validationMessage(() => fromMajor('12.345', 'USD'))).toBe(
      'amount "12.345": USD amounts have at most 2 decimals',
    );
    expect(validationMessage(() => fromMajor('1000.5', 'JPY'))).toBe(
      'amount "1000.5": JPY amounts have no decimals',
    );
    expect(validationMessage(() => fromMajor('1.2345', 'KWD'))).toMatch(/at most 3 decimals/);
  });

  it('accepts trailing zeros past the minor unit, since nothing is rounded: 12.340 USD is 12.34', () => {
    expect(fromMajor('12.340', 'USD')).toEqual(money(1234n, 'USD'));
    expect(fromMajor('1000.00', 'JPY')).toEqual(money(1000n, 'JPY'));
  });

  it('refuses floats, NaN, exponent notation, spaces and other spellings', () => {
    for (const text of [
      '1e3',
      '1.5E2',
      'NaN',
      'Infinity',
      ' 12.34',
      '12.34 ',
      '+1',
      '1,234.56',
      '12,34',
      '.5',
      '5.',
      '',
      '-',
      '0x10',
    ])
      validationMessage(() => fromMajor(text, 'USD'));
    expect(() => fromMajor(12.34 as never, 'USD')).toThrow(TypeError);
    expect(() => fromMajor(Number.NaN as never, 'USD')).toThrow(TypeError);
  });

  it('prints the ISO number of decimals: 12.34, -0.05, 1000 for JPY, 1.234 for KWD, 0.0001 for CLF', () => {
    expect(toMajorString(money(1234n, 'USD'))).toBe('12.34');
    expect(toMajorString(money(-5n, 'USD'))).toBe('-0.05');
    expect(toMajorString(money(0n, 'USD'))).toBe('0.00');
    expect(toMajorString(money(1000n, 'JPY'))).toBe('1000');
    expect(toMajorString(money(-7n, 'JPY'))).toBe('-7');
    expect(toMajorString(money(1234n, 'KWD'))).toBe('1.234');
    expect(toMajorString(money(1n, 'CLF'))).toBe('0.0001');
    expect(toMajorString(money(-9223372036854775808n, 'USD'))).toBe('-92233720368547758.08');
  });

  it('property: fromMajor(toMajorString(m)) gives m back, in currencies of every exponent (3000 runs)', () => {
    const exponentsSeen = new Set<number>();
    fc.assert(
      fc.property(moneyArb(), (m) => {
        const text = toMajorString(m);
        const exponent = currencyExponent(m.currency);
        exponentsSeen.add(exponent);
        expect(text.split('.')[1]?.length ?? 0).toBe(exponent);
        expect(fromMajor(text, m.currency)).toEqual(m);
      }),
      { numRuns: 3000 },
    );
    expect([...exponentsSeen].sort()).toEqual([0, 2, 3, 4]);
  });

  it('property: a non-zero digit past the minor unit is refused, never rounded; a zero is harmless (2000 runs)', () => {
    fc.assert(
      fc.property(moneyArb(), fc.integer({ min: 1, max: 9 }), (m, digit) => {
        const text = toMajorString(m);
        const point = currencyExponent(m.currency) === 0 ? '.' : '';
        expect(() => fromMajor(`${text}${point}${digit}`, m.currency)).toThrow(/amounts have/);
        expect(fromMajor(`${text}${point}0`, m.currency)).toEqual(m);
      }),
      { numRuns: 2000 },
    );
  });
});
