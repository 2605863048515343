/**
 * One error type and one table mapping its codes to tRPC codes and HTTP statuses.
 * Services throw AppError; the HTTP layer maps it once (see http/trpc.ts). Expected business outcomes
 * (insufficient stock, price changed, payment declined) are returned as typed results instead
 * (`./result.ts`) and become an AppError of the same code only at the procedure's edge.
 * An AppError whose details carry `retryAfterSeconds` is answered with a Retry-After header.
 */
export const errorTable = {
  BAD_REQUEST: { trpc: 'BAD_REQUEST', http: 400 },
  VALIDATION: { trpc: 'BAD_REQUEST', http: 400 },
  UNAUTHENTICATED: { trpc: 'UNAUTHORIZED', http: 401 },
  FORBIDDEN: { trpc: 'FORBIDDEN', http: 403 },
  /** Signed in with a password that must be replaced first (first run, reset): only the change is allowed. */
  PASSWORD_CHANGE_REQUIRED: { trpc: 'FORBIDDEN', http: 403 },
  NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  CONFLICT: { trpc: 'CONFLICT', http: 409 },
  IDEMPOTENCY_IN_PROGRESS: { trpc: 'CONFLICT', http: 409 },
  IDEMPOTENCY_KEY_REUSED: { trpc: 'UNPROCESSABLE_CONTENT', http: 422 },
  ILLEGAL_TRANSITION: { trpc: 'CONFLICT', http: 409 },
  INSUFFICIENT_STOCK: { trpc: 'CONFLICT', http: 409 },
  PRICE_CHANGED: { trpc: 'CONFLICT', http: 409 },
  PAYMENT_DECLINED: { trpc: 'PAYMENT_REQUIRED', http: 402 },
  PAYLOAD_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', http: 413 },
  /** A file whose contents are not of a kind the product takes (a script renamed `.jpg`). */
  UNSUPPORTED_MEDIA_TYPE: { trpc: 'UNSUPPORTED_MEDIA_TYPE', http: 415 },
  RATE_LIMITED: { trpc: 'TOO_MANY_REQUESTS', http: 429 },
  /** The server is at capacity for this kind of work (not the caller's fault): retry after a moment. */
  SERVICE_BUSY: { trpc: 'SERVICE_UNAVAILABLE', http: 503 },
  INTERNAL: { trpc: 'INTERNAL_SERVER_ERROR', http: 500 },
} as const;

export type ErrorCode = keyof typeof errorTable;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The input field the error is about, when there is one (e.g. "email"). */
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { field?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = opts.field;
    this.details = opts.details;
  }

  get httpStatus(): number {
    return errorTable[this.code].http;
  }
}

export const notFound = (what: string, id?: string) =>
  new AppError('NOT_FOUND', id ? `${what} ${id} not found` : `${what} not found`);
export const forbidden = (message = 'You do not have permission to do that') =>
  new AppError('FORBIDDEN', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const badInput = (field: string, message: string) =>
  new AppError('VALIDATION', `${field}: ${message}`, { field });
