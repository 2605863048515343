import { type CurrencyCode, currencyExponent, isCurrencyCode } from './currencies';
import { parseDecimal, pow10 } from './decimal';
import { invalidMoneyInput } from './errors';

/**
 * An amount of money: whole minor units (cents for USD, yen for JPY, fils for KWD) and its currency.
 * Values are frozen; every operation returns a new one.
 */
export interface Money {
  readonly amount: bigint;
  readonly currency: CurrencyCode;
}

/** An optional minus and digits, no leading zeros: the only spelling of a whole number of minor units. */
const MINOR_UNITS_TEXT = /^-?\d+$/;

/** Why `text` is not a whole number of minor units, in words a person can act on; undefined when it is one. */
export function minorUnitsProblem(text: string): string | undefined {
  if (MINOR_UNITS_TEXT.test(text)) {
    // One spelling per amount: "007" and "-0" would be stored and hashed as something the client never sent.
    const canonical = BigInt(text).toString();
    return canonical === text
      ? undefined
      : `write it as "${canonical}", without leading zeros or a minus on zero`;
  }
  if (text.trim() === '') return 'enter a whole number of minor units, such as "1250" for 12.50 USD';
  if (text.trim() !== text || /\s/.test(text)) return 'enter digits only, without spaces';
  if (/^[+-]?(\d+\.?\d*|\.\d+)[eE]/.test(text))
    return 'enter the number in plain digits, without exponent notation ("1000", not "1e3")';
  if (/^[+-]?\d*[.,]\d*$/.test(text))
    return 'enter a whole number of minor units (cents), without a decimal point: 12.50 USD is "1250"';
  return 'enter a whole number of minor units (digits, with an optional leading minus), such as "1250" for 12.50 USD';
}

/** The one place a Money value is created: frozen, so nobody can change an amount after the fact. */
function build(amount: bigint, currency: CurrencyCode): Money {
  return Object.freeze({ amount, currency });
}

function checkCurrency(currency: unknown): CurrencyCode {
  if (isCurrencyCode(currency)) return currency;
  if (typeof currency === 'string' && isCurrencyCode(currency.toUpperCase()))
    throw invalidMoneyInput(
      `currency "${currency}": write the ISO 4217 code in capitals, "${currency.toUpperCase()}"`,
    );
  throw invalidMoneyInput(`currency ${JSON.stringify(currency)} is not an ISO 4217 currency code`);
}

/**
 * Money from whole minor units: `money(1234n, 'USD')` or `money('1234', 'USD')` is $12.34.
 * A string must be an optional minus and digits without leading zeros (database drivers hand int8 back
 * this way).
 */
export function money(amountMinor: bigint | string, currency: CurrencyCode): Money {
  const code = checkCurrency(currency);
  if (typeof amountMinor === 'bigint') return build(amountMinor, code);
  if (typeof amountMinor === 'string') {
    const problem = minorUnitsProblem(amountMinor);
    if (problem) throw invalidMoneyInput(`amount ${JSON.stringify(amountMinor)}: ${problem}`);
    return build(BigInt(amountMinor), code);
  }
  throw new TypeError(
    `money() takes minor units as a bigint or an integer string, not ${typeof amountMinor} ${String(amountMinor)}`,
  );
}

/** Nothing, in a currency. */
export function zero(currency: CurrencyCode): Money {
  return money(0n, currency);
}

/**
 * Money from an exact decimal string in major units: `fromMajor('12.34', 'USD')` is 1234 cents.
 * Never rounds: a digit past the currency's minor unit that is not zero is refused (`'12.345'` USD,
 * `'1000.5'` JPY), while trailing zeros are fine (`'12.340'` USD is 12.34). Refuses floats, exponent
 * notation, spaces, a plus sign, grouping separators and a bare point (`'.5'`, `'5.'`).
 */
export function fromMajor(major: string, currency: CurrencyCode): Money {
  const code = checkCurrency(currency);
  if (typeof major !== 'string')
    throw new TypeError(`fromMajor() takes a decimal string, not ${typeof major} ${String(major)}`);
  const decimal = parseDecimal(major);
  if (!decimal)
    throw invalidMoneyInput(
      `amount ${JSON.stringify(major)}: enter a plain decimal number such as "12.34" (digits, an optional minus and one point)`,
    );
  const exponent = currencyExponent(code);
  if (decimal.scale <= exponent) return build(decimal.coefficient * pow10(exponent - decimal.scale), code);
  const excess = pow10(decimal.scale - exponent);
  if (decimal.coefficient % excess !== 0n) {
    const allowed =
      exponent === 0 ? 'no decimals' : `at most ${exponent} decimal${exponent === 1 ? '' : 's'}`;
    throw invalidMoneyInput(`amount ${JSON.stringify(major)}: ${code} amounts have ${allowed}`);
  }
  return build(decimal.coefficient / excess, code);
}

/**
 * The amount in major units as an exact decimal string with the currency's ISO number of decimals:
 * `'12.34'`, `'-0.05'`, `'1000'` for ¥1,000, `'1.234'` for KWD 1.234. No grouping, no symbol.
 */
export function toMajorString(m: Money): string {
  const exponent = currencyExponent(m.currency);
  const digits = (m.amount < 0n ? -m.amount : m.amount).toString();
  const sign = m.amount < 0n ? '-' : '';
  if (exponent === 0) return `${sign}${digits}`;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}
