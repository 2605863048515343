import type { AppError } from '../../platform/errors';

/** The unique constraint a failed write broke (PostgreSQL 23505, either driver, wrapped by drizzle or not). */
export function brokenUniqueConstraint(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === '23505') {
      if (typeof constraint === 'string') return constraint;
      const named = typeof message === 'string' ? /constraint "([^"]+)"/.exec(message) : null;
      return named?.[1] ?? '';
    }
  }
  return undefined;
}

/**
 * Turns a race lost at a unique index (two people taking one address or SKU at the same moment, both
 * having checked it was free) into the same 409 the check gives, instead of a 500.
 */
export async function refusingDuplicates<T>(
  fn: () => Promise<T>,
  refusals: Record<string, () => AppError>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const constraint = brokenUniqueConstraint(e);
    if (constraint !== undefined) {
      const refusal = refusals[constraint];
      if (refusal) throw refusal();
    }
    throw e;
  }
}
