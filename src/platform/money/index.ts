/**
 * Money: amounts as bigint minor units plus an ISO 4217 currency, exact arithmetic, allocation, FX
 * conversion, formatting, the API wire format and the database columns. The only door into this folder.
 */
export { allocate, allocateEvenly, type Ratio } from './allocate';
export {
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
export { type MoneyColumns, type MoneyFields, moneyColumns, moneyValues, readMoney } from './columns';
export { type Conversion, convert } from './convert';
export { CURRENCY_CODES, type CurrencyCode, currencyExponent, isCurrencyCode } from './currencies';
export { ROUNDING_MODES, type RoundingMode } from './decimal';
export { CurrencyMismatchError } from './errors';
export { type FormatMoneyOptions, formatMoney } from './format';
export { fromMajor, type Money, money, toMajorString, zero } from './money';
export { type MoneyWire, toWire, ZCurrencyCode, ZMinorUnits, ZMoney, ZMoneyOut, ZMoneyWire } from './wire';
