import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, CURRENCY_EXPONENTS, currencyExponent, isCurrencyCode } from './currencies';

describe('ISO 4217 currency table', () => {
  it('gives each currency the minor unit ISO gives it', () => {
    const expected = {
      JPY: 0,
      KRW: 0,
      ISK: 0,
      CLP: 0,
      VND: 0,
      XOF: 0,
      USD: 2,
      EUR: 2,
      GBP: 2,
      IDR: 2,
      HUF: 2,
      XCG: 2,
      ZWG: 2,
      KWD: 3,
      BHD: 3,
      TND: 3,
      IQD: 3,
      JOD: 3,
      LYD: 3,
      OMR: 3,
      CLF: 4,
      UYW: 4,
    } as const;
    for (const [code, exponent] of Object.entries(expected)) {
      expect(isCurrencyCode(code), code).toBe(true);
      if (isCurrencyCode(code)) expect(currencyExponent(code), code).toBe(exponent);
    }
  });

  it('follows ISO where Intl (CLDR) disagrees: the Iraqi dinar keeps three decimals', () => {
    const cldr = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'IQD' }).resolvedOptions();
    expect(cldr.maximumFractionDigits).toBe(0);
    expect(currencyExponent('IQD')).toBe(3);
  });

  it('holds the 165 List One codes that have a minor unit, each three capitals', () => {
    expect(CURRENCY_CODES).toHaveLength(165);
    expect(new Set(CURRENCY_CODES).size).toBe(165);
    for (const code of CURRENCY_CODES) expect(code).toMatch(/^[A-Z]{3}$/);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    for (const exponent of Object.values(CURRENCY_EXPONENTS)) expect([0, 2, 3, 4]).toContain(exponent);
  });

  it('leaves out codes without a minor unit (gold, SDR, test, no currency) and withdrawn ones', () => {
    for (const code of ['XAU', 'XAG', 'XDR', 'XTS', 'XXX', 'XBA', 'ANG', 'HRK', 'ZWL', 'SLL', 'CUC', 'BGN'])
      expect(isCurrencyCode(code), code).toBe(false);
  });

  it('knows a code only as ISO writes it: lower case and look-alikes are not codes', () => {
    for (const value of [
      'usd',
      'Usd',
      ' USD',
      'USD ',
      'US',
      'USDX',
      '',
      'toString',
      'constructor',
      840,
      null,
      undefined,
    ])
      expect(isCurrencyCode(value), String(value)).toBe(false);
  });

  it('refuses to give an exponent for a code it does not know', () => {
    expect(() => currencyExponent('XYZ' as never)).toThrow(/not an ISO 4217 currency code/);
  });
});
