import { describe, expect, it } from 'vitest';
import * as money from './index';

describe('the money slice', () => {
  it('opens one door with exactly its public API', () => {
    expect(Object.keys(money).sort()).toEqual(
      [
        'CURRENCY_CODES',
        'CurrencyMismatchError',
        'ROUNDING_MODES',
        'ZCurrencyCode',
        'ZMinorUnits',
        'ZMoney',
        'ZMoneyOut',
        'ZMoneyWire',
        'abs',
        'add',
        'allocate',
        'allocateEvenly',
        'compare',
        'convert',
        'currencyExponent',
        'equals',
        'formatMoney',
        'fromMajor',
        'isCurrencyCode',
        'isNegative',
        'isPositive',
        'isZero',
        'max',
        'min',
        'money',
        'moneyColumns',
        'moneyValues',
        'multiply',
        'negate',
        'readMoney',
        'subtract',
        'sum',
        'toMajorString',
        'toWire',
        'zero',
      ].sort(),
    );
  });
});
