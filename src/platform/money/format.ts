import { currencyExponent } from './currencies';
import { type Money, toMajorString } from './money';

/** The display choices a caller may make; the number of decimals is not one of them (ISO decides). */
export type FormatMoneyOptions = Pick<
  Intl.NumberFormatOptions,
  'currencyDisplay' | 'currencySign' | 'signDisplay' | 'useGrouping'
>;

const FALLBACK_LOCALE = 'en-US';
const MAX_CACHED_FORMATTERS = 256;
/** Building an Intl.NumberFormat costs far more than using one, and pages format many prices. */
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, m: Money, opts: FormatMoneyOptions): Intl.NumberFormat {
  const key = JSON.stringify([
    locale,
    m.currency,
    opts.currencyDisplay,
    opts.currencySign,
    opts.signDisplay,
    opts.useGrouping,
  ]);
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = currencyExponent(m.currency);
    const options: Intl.NumberFormatOptions = {
      ...opts,
      style: 'currency',
      currency: m.currency,
      // ISO's decimals, not CLDR's: Intl alone shows IQD 1.234 as "IQD 1" and HUF with no fillér.
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    };
    try {
      formatter = new Intl.NumberFormat(locale, options);
    } catch (err) {
      // An ill-formed locale (say, from an Accept-Language header) must not break a page: fall back.
      if (!(err instanceof RangeError) || locale === FALLBACK_LOCALE) throw err;
      formatter = new Intl.NumberFormat(FALLBACK_LOCALE, options);
    }
    if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * The amount as people read it in `locale` (`$1,234.56`, `1.234,56 €`, `¥1,000`, `KWD 1.234`), with exactly
 * the currency's ISO number of decimals. Exact for any size: Intl gets the decimal string, never a float.
 * An ill-formed locale tag falls back to en-US.
 */
export function formatMoney(m: Money, locale = FALLBACK_LOCALE, opts: FormatMoneyOptions = {}): string {
  // Intl.NumberFormat v3 (Node 20) formats a decimal string exactly, however many digits it has.
  return formatterFor(locale, m, opts).format(toMajorString(m) as `${number}`);
}
