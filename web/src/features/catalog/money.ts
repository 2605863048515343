import { formatMoney, fromMajor, isCurrencyCode, money, toMajorString } from '../../../../src/platform/money';

/** Prices as the API sends them: minor units as a string and a currency code. */
export interface PriceWire {
  amount: string;
  currency: string;
}

/**
 * One locale for server and browser alike, so a server-rendered price hydrates as the same text. (The
 * viewer's locale could follow after hydration, as dates do; prices read well in English everywhere.)
 */
const LOCALE = 'en-US';

export function formatPrice(p: PriceWire | null | undefined): string {
  if (!p || !isCurrencyCode(p.currency)) return '—';
  return formatMoney(money(p.amount, p.currency), LOCALE);
}

/** "12.50" in the form → "1250" on the wire; undefined when it is not a price in that currency. */
export function toMinorUnits(major: string, currency: string): string | undefined {
  if (!isCurrencyCode(currency)) return undefined;
  try {
    const m = fromMajor(major.trim(), currency);
    return m.amount < 0n ? undefined : m.amount.toString();
  } catch {
    return undefined;
  }
}

/** "1250" → "12.50" for a form field. */
export function toMajor(p: PriceWire): string {
  return isCurrencyCode(p.currency) ? toMajorString(money(p.amount, p.currency)) : p.amount;
}
