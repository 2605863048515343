import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, currencyExponent } from './currencies';
import { formatMoney } from './format';
import { fromMajor, money, toMajorString } from './money';
import { currencyArb } from './test-arbitraries';

const NBSP = '\u00a0';

describe('formatting money for people', () => {
  it('¥1,000 has no decimals, KWD 1.234 has three, $12.34 has two', () => {
    expect(formatMoney(fromMajor('1000', 'JPY'))).toBe('¥1,000');
    expect(formatMoney(fromMajor('1.234', 'KWD'))).toBe(`KWD${NBSP}1.234`);
    expect(formatMoney(fromMajor('12.34', 'USD'))).toBe('$12.34');
    expect(formatMoney(fromMajor('12', 'USD'))).toBe('$12.00');
    expect(formatMoney(fromMajor('-0.05', 'USD'))).toBe('-$0.05');
    expect(formatMoney(fromMajor('0.0001', 'CLF'))).toBe(`CLF${NBSP}0.0001`);
  });

  it('shows the Iraqi dinar with ISO’s three decimals where Intl alone would show none', () => {
    expect(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'IQD' }).format(1.234)).toBe(
      `IQD${NBSP}1`,
    );
    expect(formatMoney(fromMajor('1.234', 'IQD'))).toBe(`IQD${NBSP}1.234`);
  });

  it('writes amounts the way each locale does: 1.234,56 € in Germany, ￥1,000 in Japan', () => {
    expect(formatMoney(fromMajor('1234.56', 'EUR'), 'de-DE')).toBe(`1.234,56${NBSP}€`);
    expect(formatMoney(fromMajor('1000', 'JPY'), 'ja-JP')).toBe('￥1,000');
    expect(formatMoney(fromMajor('1234.56', 'USD'), 'en-US', { currencyDisplay: 'code' })).toBe(
      `USD${NBSP}1,234.56`,
    );
    expect(formatMoney(fromMajor('-5.00', 'USD'), 'en-US', { currencySign: 'accounting' })).toBe('($5.00)');
  });

  it('is exact for amounts far past 2^53: $92,233,720,368,547,758.07', () => {
    expect(formatMoney(money(9223372036854775807n, 'USD'))).toBe('$92,233,720,368,547,758.07');
    expect(formatMoney(money(10n ** 30n + 1n, 'USD'))).toBe('$10,000,000,000,000,000,000,000,000,000.01');
  });

  it('falls back to en-US for a locale tag that is not well formed', () => {
    expect(formatMoney(fromMajor('12.34', 'USD'), 'not a locale!')).toBe('$12.34');
  });

  const locales = [
    'en-US',
    'en-GB',
    'en-IN',
    'de-DE',
    'de-CH',
    'fr-FR',
    'ja-JP',
    'ar-EG',
    'hi-IN',
    'pt-BR',
    'zh-CN',
  ];
  const displays = ['symbol', 'narrowSymbol', 'code', 'name'] as const;

  it('property: never throws, keeps every digit and shows exactly the ISO decimals, in any locale (3000 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
        currencyArb,
        fc.constantFrom(...locales),
        fc.constantFrom(...displays),
        (amount, currency, locale, currencyDisplay) => {
          const m = money(amount, currency);
          const text = formatMoney(m, locale, { currencyDisplay });
          const exponent = currencyExponent(currency);
          // Every digit of the exact amount is there, in the locale's own digits (Arabic-Indic in ar-EG), and
          // nothing was rounded away or padded beyond ISO's decimals. (Not checked with currency names, which
          // may hold digits of their own: STN is "São-toméischer Dobra (2018)" in de-CH.)
          if (currencyDisplay !== 'name') {
            const shown = [...text.matchAll(/\p{Nd}/gu)].map((d) => digitValue(d[0]));
            expect(shown.join('')).toBe(toMajorString(m).replace(/[-.]/g, ''));
          }
          // The decimals sit after the locale's decimal separator.
          if (exponent > 0) {
            const separator = new Intl.NumberFormat(locale)
              .formatToParts(1.5)
              .find((p) => p.type === 'decimal')!.value;
            expect(text).toMatch(
              new RegExp(`${escapeRegExp(separator)}\\p{Nd}{${exponent}}(?!\\p{Nd})`, 'u'),
            );
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every currency, in every locale above, with symbol, narrow symbol or code, keeps every digit', () => {
    for (const currency of CURRENCY_CODES)
      for (const locale of locales)
        for (const currencyDisplay of ['symbol', 'narrowSymbol', 'code'] as const)
          for (const amount of [-1234567890123456789n, 0n, 5n]) {
            const m = money(amount, currency);
            const text = formatMoney(m, locale, { currencyDisplay });
            const shown = [...text.matchAll(/\p{Nd}/gu)].map((d) => digitValue(d[0])).join('');
            expect(shown, `${currency} ${locale} ${currencyDisplay}: ${text}`).toBe(
              toMajorString(m).replace(/[-.]/g, ''),
            );
          }
  });

  it('property: in en-US, reading the digits back gives the amount (2000 runs)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), currencyArb, (amount, currency) => {
        const m = money(amount, currency);
        const text = formatMoney(m, 'en-US', { currencyDisplay: 'code', useGrouping: false });
        expect(text.replace(/[^\d.-]/g, '')).toBe(toMajorString(m));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The value of a decimal digit in the scripts these locales use (٣ is 3). */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0)!;
  for (const zero of [0x30, 0x0660, 0x06f0, 0x0966, 0x09e6])
    if (code >= zero && code <= zero + 9) return code - zero;
  throw new Error(`not a digit this test knows: ${digit}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
