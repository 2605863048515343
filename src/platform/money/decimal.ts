/**
 * Exact decimal arithmetic on bigint: the few pieces the money helper needs. A decimal is kept as an
 * integer coefficient and a scale (coefficient × 10^-scale), so no value ever passes through a float.
 */

/**
 * How a result that falls between two minor units is settled.
 * - `half-even` (banker's rounding, the default): to the nearest unit, ties to the even one
 *   (0.125 → 0.12, 0.135 → 0.14); over many roundings the errors cancel instead of drifting up.
 * - `half-up`: to the nearest unit, ties away from zero (0.125 → 0.13, -0.125 → -0.13), as people round by hand.
 * - `floor`: down, toward minus infinity (-0.121 → -0.13).
 * - `ceil`: up, toward plus infinity (0.121 → 0.13).
 */
export type RoundingMode = 'half-even' | 'half-up' | 'floor' | 'ceil';

export const ROUNDING_MODES: readonly RoundingMode[] = Object.freeze([
  'half-even',
  'half-up',
  'floor',
  'ceil',
]);

/** coefficient × 10^-scale, exactly. */
export interface Decimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

/** An optional minus, digits, and optionally a point followed by digits: `12`, `-0.05`, `0.0825`. */
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a plain decimal string exactly. Refuses anything else (undefined): exponent notation (`1e3`),
 * spaces, a plus sign, grouping separators, a bare point (`.5`, `5.`), `NaN`, `Infinity`.
 */
export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  return { coefficient: BigInt(`${sign}${whole}${fraction}`), scale: fraction.length };
}

const powers: bigint[] = [1n];

/** 10^n as a bigint (n ≥ 0). */
export function pow10(n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`pow10 needs a whole number ≥ 0, got ${n}`);
  if (n < 64) {
    for (let i = powers.length; i <= n; i++) powers.push(powers[i - 1]! * 10n);
    return powers[n]!;
  }
  return 10n ** BigInt(n);
}

/** numerator / denominator rounded to a whole number by `mode`, exactly. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator; // truncated toward zero
  const remainder = numerator % denominator; // same sign as the numerator
  if (remainder === 0n) return quotient;
  const away = numerator < 0n ? -1n : 1n; // one unit further from zero
  switch (mode) {
    case 'floor':
      return numerator < 0n ? quotient - 1n : quotient;
    case 'ceil':
      return numerator > 0n ? quotient + 1n : quotient;
    case 'half-up': {
      const twice = 2n * (remainder < 0n ? -remainder : remainder);
      return twice >= denominator ? quotient + away : quotient;
    }
    case 'half-even': {
      const twice = 2n * (remainder < 0n ? -remainder : remainder);
      if (twice > denominator) return quotient + away;
      if (twice < denominator) return quotient;
      return quotient % 2n === 0n ? quotient : quotient + away;
    }
    default:
      throw new RangeError(`unknown rounding mode ${String(mode satisfies never)}`);
  }
}

export function isRoundingMode(value: unknown): value is RoundingMode {
  return typeof value === 'string' && (ROUNDING_MODES as readonly string[]).includes(value);
}

/** Checked up front, so a misspelt mode fails even when the result happens to need no rounding. */
export function checkRoundingMode(value: unknown): asserts value is RoundingMode {
  if (!isRoundingMode(value))
    throw new RangeError(
      `unknown rounding mode ${JSON.stringify(value)}: use one of ${ROUNDING_MODES.join(', ')}`,
    );
}
