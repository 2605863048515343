import { getTRPCErrorFromUnknown, initTRPC, TRPCError } from '@trpc/server';
import {
  getParseFn,
  isObject,
  type MiddlewareResult,
  middlewareMarker,
} from '@trpc/server/unstable-core-do-not-import';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import { AppError, type ErrorCode, errorTable } from '../errors';
import { withIdempotencyKey } from '../idempotency';
import type { Permission } from '../kit';
import type { RequestContext } from './context';
import { fieldSentences, ruleSentence } from './error-map';
import type { RateLimitResult } from './rate-limit';
import { type RateLimitClass, rateLimitRule } from './rate-limit-classes';

/**
 * `public`: anyone; `authenticated`: any signed-in user or API key; otherwise a permission from the matrix.
 * Every procedure declares one (a test walks the router to prove it).
 */
export type Access = Permission | 'public' | 'authenticated';

export interface Meta extends OpenApiMeta {
  access?: Access;
  /** Mutations are idempotent through Idempotency-Key unless they opt out (e.g. sign-in issues a new session). */
  idempotency?: 'off';
  /** Every call counts against this class's limit per client address (rate-limit-classes.ts). */
  rateLimit?: RateLimitClass;
  /**
   * Callable while the caller's password must be changed (first run, reset): only what it takes to
   * change it (auth.me, auth.signOut, auth.changePassword, auth.setPassword). Everything else answers
   * PASSWORD_CHANGE_REQUIRED (403) until then, whatever the UI shows.
   */
  duringPasswordChange?: 'allowed';
}

/**
 * Every field an input error is about, each with its sentence (from the error map): zod issues by path,
 * an AppError by the field it names.
 */
function fieldsOf(error: TRPCError): Record<string, string> {
  const cause = error.cause;
  if (cause instanceof ZodError) return fieldSentences(cause);
  if (cause instanceof AppError && cause.field && cause.code === 'VALIDATION')
    return { [cause.field]: ruleSentence(cause.field, cause.message) };
  return {};
}

/** The first field an error names (kept beside `fields` for callers that read one). */
function fieldOf(error: TRPCError, fields: Record<string, string>): string | undefined {
  return error.cause instanceof AppError ? error.cause.field : Object.keys(fields)[0];
}

/** "field: sentence; field: sentence" for input errors, so the message alone still names each field. */
function messageOf(error: TRPCError, fields: Record<string, string>): string {
  const cause = error.cause;
  if (Object.keys(fields).length) {
    const rest =
      cause instanceof ZodError
        ? cause.issues.filter((i) => i.path.length === 0 && i.code !== 'unrecognized_keys')
        : [];
    return [...Object.entries(fields).map(([f, m]) => `${f}: ${m}`), ...rest.map((i) => i.message)].join(
      '; ',
    );
  }
  if (cause instanceof ZodError) return cause.issues.map((i) => i.message).join('; ');
  if (error.code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. It has been logged.';
  return error.message;
}

const t = initTRPC
  .context<RequestContext>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const appCode: ErrorCode | undefined = error.cause instanceof AppError ? error.cause.code : undefined;
      const fields = fieldsOf(error);
      return {
        ...shape,
        message: messageOf(error, fields),
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appCode ?? (error.cause instanceof ZodError ? 'VALIDATION' : undefined),
          field: fieldOf(error, fields),
          fields,
        },
      };
    },
  });

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

/** AppError (thrown by services) becomes the tRPC error its table row names. */
function toTrpcError(cause: AppError): TRPCError {
  return new TRPCError({ code: errorTable[cause.code].trpc, message: cause.message, cause });
}

/**
 * Who may call a procedure: anyone (`public`), anyone signed in, or holders of a permission; nobody whose
 * password must be changed first, except for what changes it. A refusal is
 * an AppError like every other (UNAUTHENTICATED 401, FORBIDDEN 403), so `data.appCode` is set on every
 * path (single, batched, REST).
 */
export function checkAccess(
  meta: Pick<Meta, 'access' | 'duringPasswordChange'> | undefined,
  ctx: RequestContext,
): void {
  const access = meta?.access;
  if (!access)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'procedure declares no access' });
  if (ctx.actor.mustChangePassword && meta.duringPasswordChange !== 'allowed')
    throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password before you do anything else.');
  if (access === 'public') return;
  if (ctx.actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (access !== 'authenticated' && !ctx.actor.permissions.has(access))
    throw new AppError('FORBIDDEN', `You need the ${access} permission to do that`);
}

/**
 * Counts this call against its procedure's rate-limit class, if it names one: per call, so each call of
 * a batch counts. Synchronous with the memory limiter; a promise only with Redis.
 */
function admit(meta: Meta | undefined, ctx: RequestContext): void | Promise<void> {
  const cls = meta?.rateLimit;
  if (!cls) return;
  const rule = rateLimitRule(ctx.platform.config, cls);
  const refuse = (r: RateLimitResult) => {
    if (!r.allowed)
      throw new AppError(
        'RATE_LIMITED',
        `Too many ${rule.what}. Try again in ${waitOf(r.retryAfterSeconds)}.`,
        { details: { retryAfterSeconds: r.retryAfterSeconds } },
      );
  };
  const result = ctx.platform.limiter.hit(`rl:${cls}:${ctx.req.ip}`, rule.limit, rule.windowMs);
  return result instanceof Promise ? result.then(refuse) : refuse(result);
}

function waitOf(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** An AppError that says when to come back (rate limits, a busy server) answers with Retry-After. */
function toTrpcErrorFor(cause: AppError, ctx: RequestContext): TRPCError {
  const seconds = cause.details?.retryAfterSeconds;
  if (typeof seconds === 'number') ctx.res?.header('retry-after', String(seconds));
  return toTrpcError(cause);
}

/** A failure as the caller sees it: AppError becomes its table row's error; unexpected ones are logged. */
function failure(cause: unknown, ctx: RequestContext, path: string): TRPCError {
  if (cause instanceof AppError) return toTrpcErrorFor(cause, ctx);
  const error = getTRPCErrorFromUnknown(cause);
  if (error.cause instanceof AppError) return toTrpcErrorFor(error.cause, ctx);
  if (error.code === 'INTERNAL_SERVER_ERROR')
    ctx.log.error({ err: error.cause ?? error, path }, 'procedure failed');
  return error;
}

const idempotent = (type: string, meta: Meta | undefined) =>
  type === 'mutation' && meta?.idempotency !== 'off';

/**
 * Every procedure's guard, in one middleware (each tRPC middleware costs a context copy per call), driven
 * by the procedure's meta: who may call it, then its rate-limit class (each call counts, batched or not),
 * then Idempotency-Key for mutations unless they opt out (see idempotency/middleware.ts), then AppError
 * mapped to its status.
 */
const guard = t.middleware(async (opts) => {
  const { ctx, meta, path } = opts;
  let result: Awaited<ReturnType<typeof opts.next>>;
  try {
    checkAccess(meta, ctx);
    await admit(meta, ctx);
    result = idempotent(opts.type, meta) ? await withIdempotencyKey(opts) : await opts.next();
  } catch (err) {
    throw failure(err, ctx, path);
  }
  return result.ok ? result : { ...result, error: failure(result.error, ctx, path) };
});

/** The one way to declare a procedure: `procedure('roles.assign').meta({ openapi }).input(...).output(...)`. */
export function procedure(access: Access) {
  return t.procedure.meta({ access }).use(guard);
}

type Parse = (value: unknown) => unknown;

/**
 * A schema's parser: its Standard Schema `validate`, which answers synchronously when it can (tRPC's own
 * parser always goes through zod's async path). On failure tRPC's parser runs to throw the same error
 * tRPC would, so callers see one error format whichever way a procedure was called.
 */
function parserOf(schema: unknown): Parse {
  const parse = getParseFn(schema as never);
  const standard = (schema as { '~standard'?: { validate: (v: unknown) => unknown } })['~standard'];
  if (!standard) return parse;
  return (value) => {
    const result = standard.validate(value) as { value?: unknown; issues?: unknown } | Promise<unknown>;
    if (result instanceof Promise || result.issues) return parse(value);
    return result.value;
  };
}

/** Calls one procedure for one request: what `/trpc` runs for a single query or mutation. */
export type DirectCall = (
  ctx: RequestContext,
  path: string,
  getRawInput: () => Promise<unknown>,
) => Promise<unknown>;

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  meta?: Meta;
  inputs: unknown[];
  output?: unknown;
  middlewares: Array<{ _type?: string }>;
  resolver: (opts: object) => Promise<unknown> | unknown;
}

/**
 * The same steps tRPC's middleware chain takes for a procedure declared with `procedure()` (guard, input
 * parsers, resolver, output parser), run straight through. tRPC's chain copies its options at each level
 * with a generic spread helper and parses through zod's async path: about 20 µs per call against 1 µs
 * straight through, measured in isolation, and the largest single cost of a cached authenticated read.
 * Batches, REST and server-side callers keep tRPC's caller; a unit test sends the same calls both ways
 * and compares the answers. Anything but guard, parsers and resolver is refused at start-up, so a new
 * middleware can never be skipped silently.
 */
export function directCall(procedure: { _def: unknown }): DirectCall {
  const def = procedure._def as ProcedureDef;
  const [first, ...rest] = def.middlewares;
  const shapeOk =
    first === guard._middlewares[0] &&
    typeof def.resolver === 'function' &&
    rest.every((m) => m._type === 'input' || m._type === 'output' || m === rest.at(-1));
  if (!shapeOk || def.type === 'subscription')
    throw new Error('procedures are declared with procedure(access) and take no other middleware');
  const { meta, type } = def;
  const inputs = def.inputs.map(parserOf);
  const output = def.output === undefined ? undefined : parserOf(def.output);

  const execute = async (ctx: RequestContext, path: string, getRawInput: () => Promise<unknown>) => {
    let input: unknown;
    if (inputs.length) {
      const raw = await getRawInput();
      for (const parse of inputs) {
        let parsed: unknown;
        try {
          parsed = await parse(raw);
        } catch (cause) {
          throw new TRPCError({ code: 'BAD_REQUEST', cause });
        }
        input = isObject(input) && isObject(parsed) ? { ...input, ...parsed } : parsed;
      }
    }
    const data = await def.resolver({ ctx, input, path, type, meta, getRawInput, signal: undefined });
    if (!output) return data;
    try {
      return await output(data);
    } catch (cause) {
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Output validation failed', cause });
    }
  };

  return async (ctx, path, getRawInput) => {
    try {
      checkAccess(meta, ctx);
      if (meta?.rateLimit) await admit(meta, ctx);
      if (!idempotent(type, meta)) return await execute(ctx, path, getRawInput);
      const result = await withIdempotencyKey<MiddlewareResult<object>>({
        ctx,
        path,
        getRawInput,
        next: async () => ({
          ok: true,
          data: await execute(ctx, path, getRawInput),
          marker: middlewareMarker,
        }),
      });
      return (result as { data?: unknown }).data;
    } catch (err) {
      throw failure(err, ctx, path);
    }
  };
}
