import { parseDecimal, pow10 } from './decimal';
import { invalidMoneyInput } from './errors';
import { type Money, money } from './money';

/** A share's weight: a bigint, a number, or a decimal string (`'0.7'`, `'33.3'`). */
export type Ratio = bigint | number | string;

/** A ratio as coefficient × 10^-scale. */
function ratioToDecimal(ratio: Ratio, index: number): { coefficient: bigint; scale: number } {
  if (typeof ratio === 'bigint') return { coefficient: ratio, scale: 0 };
  if (typeof ratio === 'number') {
    if (!Number.isFinite(ratio))
      throw new RangeError(`ratio #${index + 1} is ${ratio}: ratios must be finite`);
    if (Number.isSafeInteger(ratio)) return { coefficient: BigInt(ratio), scale: 0 };
    // A fractional number is taken as the decimal JavaScript prints for it (0.7, not 0.69999…).
    const decimal = parseDecimal(String(ratio));
    if (!decimal)
      throw new RangeError(
        `ratio #${index + 1} (${ratio}) has no plain decimal form: pass it as a decimal string`,
      );
    return decimal;
  }
  if (typeof ratio === 'string') {
    const decimal = parseDecimal(ratio);
    if (!decimal)
      throw invalidMoneyInput(
        `ratio ${JSON.stringify(ratio)}: write it as a plain decimal such as "1", "0.7" or "33.3"`,
      );
    return decimal;
  }
  throw new TypeError(`ratio #${index + 1} must be a bigint, number or decimal string, not ${typeof ratio}`);
}

/** Ratios as whole weights on one scale, so 0.5 and 2 become 5 and 20. */
function weightsOf(ratios: readonly Ratio[]): bigint[] {
  if (ratios.length === 0) throw new RangeError('allocate needs at least one ratio');
  const decimals = ratios.map(ratioToDecimal);
  decimals.forEach((d, i) => {
    if (d.coefficient < 0n) throw new RangeError(`ratio #${i + 1} is negative: shares cannot be negative`);
  });
  const scale = Math.max(...decimals.map((d) => d.scale));
  const weights = decimals.map((d) => d.coefficient * pow10(scale - d.scale));
  if (weights.every((w) => w === 0n)) throw new RangeError('allocate needs at least one ratio above zero');
  return weights;
}

/**
 * Splits an amount by ratios without losing or inventing a minor unit: the shares always add up to the
 * amount exactly. Largest remainder method: each share gets its exact proportional amount rounded toward
 * zero, then the units left over go one each to the shares with the largest remainders, ties to the earlier
 * share. So no share is a whole minor unit away from its exact value, a zero ratio gets nothing, and a
 * negative amount splits as the mirror image of the positive one ($100.00 three ways: 33.34, 33.33, 33.33;
 * -$100.00: -33.34, -33.33, -33.33).
 *
 * Ratios are bigints, numbers or decimal strings, none negative and at least one above zero.
 */
export function allocate(m: Money, ratios: readonly Ratio[]): Money[] {
  const weights = weightsOf(ratios);
  const total = weights.reduce((a, b) => a + b, 0n);
  const negative = m.amount < 0n;
  const amount = negative ? -m.amount : m.amount;

  const shares = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w) => (amount * w) % total);
  let left = amount - shares.reduce((a, b) => a + b, 0n);
  // Largest remainder first; equal remainders keep their order (Array.prototype.sort is stable).
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0n) break;
    shares[index]! += 1n;
    left -= 1n;
  }
  return shares.map((share) => money(negative ? -share : share, m.currency));
}

/**
 * Splits an amount into `parts` shares as even as can be: the first shares get one minor unit more when it
 * does not divide ($100.00 three ways: 33.34, 33.33, 33.33). Same result as `allocate` with equal ratios.
 */
export function allocateEvenly(m: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1)
    throw new RangeError(`allocateEvenly needs a whole number of parts ≥ 1, got ${parts}`);
  const n = BigInt(parts);
  const negative = m.amount < 0n;
  const amount = negative ? -m.amount : m.amount;
  const base = amount / n;
  const extra = amount % n; // this many shares, the first ones, get one unit more
  return Array.from({ length: parts }, (_, i) => {
    const share = BigInt(i) < extra ? base + 1n : base;
    return money(negative ? -share : share, m.currency);
  });
}
