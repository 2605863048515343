import { AppError, type ErrorCode } from './errors';

/**
 * Expected business outcomes as values, not exceptions. A service whose caller must act on a refusal
 * (insufficient stock, price changed, payment declined) returns an `Outcome`; the type says which
 * refusals can come back, and the caller handles each (retry with the new price, show what is left).
 * A procedure that only passes the answer on turns a refusal into the AppError of the same code at
 * its edge with `orThrow`, so the client still gets the code's status and `data.appCode`.
 *
 * ```ts
 * type StockRefusal = Refusal<'INSUFFICIENT_STOCK'> & { details: { sku: string; available: number } };
 *
 * async function reserveStock(ctx: TxCtx, line: Line): Promise<Outcome<Reservation, StockRefusal>> {
 *   const row = await decrementIfAvailable(ctx, line);
 *   if (!row) return refused({ code: 'INSUFFICIENT_STOCK', message: `Only ${left} left`, details: { sku, available: left } });
 *   return ok(row);
 * }
 *
 * // a flow handles it:        const r = await reserveStock(tx, line); if (!r.ok) return offerWhatIsLeft(r.error.details);
 * // a procedure passes it on: .mutation(async ({ ctx, input }) => orThrow(await reserveStock(ctx, input)))
 * ```
 */
export type Outcome<T, E extends { code: string } = Refusal> = Success<T> | Refused<E>;

export interface Success<T> {
  ok: true;
  value: T;
}

export interface Refused<E extends { code: string }> {
  ok: false;
  error: E;
}

/** A refusal whose code is in the error table: what `orThrow` can turn into an AppError by itself. */
export interface Refusal<C extends ErrorCode = ErrorCode> {
  code: C;
  /** A sentence for the person (shown as the error message when the refusal reaches the client). */
  message: string;
  /** The input field the refusal is about, when there is one. */
  field?: string;
  /** What the UI needs to act (e.g. the units still available); sent as the error's details. */
  details?: Record<string, unknown>;
}

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });

/** `const` keeps the literal code, so the outcome's error type is exactly the refusal written. */
export const refused = <const E extends { code: string }>(error: E): Refused<E> => ({ ok: false, error });

/** The AppError a refusal becomes when it leaves through a procedure. */
export function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code, refusal.message, { field: refusal.field, details: refusal.details });
}

/**
 * At the procedure edge: the value, or the refusal thrown as the AppError its code names. Refusals
 * whose codes are not error codes need `toError` to say which AppError they become.
 */
export function orThrow<T, E extends Refusal>(outcome: Outcome<T, E>): T;
export function orThrow<T, E extends { code: string }>(
  outcome: Outcome<T, E>,
  toError: (refusal: E) => AppError,
): T;
export function orThrow<T, E extends { code: string }>(
  outcome: Outcome<T, E>,
  toError?: (refusal: E) => AppError,
): T {
  if (outcome.ok) return outcome.value;
  throw toError ? toError(outcome.error) : refusalError(outcome.error as unknown as Refusal);
}
