import { getTRPCErrorFromUnknown, initTRPC, TRPCError } from '@trpc/server';
import {
  getParseFn,
  isObject,
  type MiddlewareResult,
  middlewareMarker,
} from '@trpc/server/unstable-core-do-not-import';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import type { Permission } from '../access/permissions';
import { AppError, type ErrorCode, errorTable } from '../errors';
import { withIdempotencyKey } from '../idempotency';
import type { RequestContext } from './context';
import { fieldSentences, ruleSentence } from './error-map';

/**
 * `public`: anyone; `authenticated`: any signed-in user or API key; otherwise a permission from the matrix.
 * Every procedure declares one (a test walks the router to prove it).
 */
export type Access = Permission | 'public' | 'authenticated';

export interface Meta extends OpenApiMeta {
  access?: Access;
  /** Mutations are idempotent through Idempotency-Key unless they opt out (e.g. sign-in issues a new session). */
  idempotency?: 'off';
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

/** Who may call a procedure: anyone (`public`), anyone signed in, or holders of a permission. */
function checkAccess(access: Access | undefined, ctx: RequestContext): void {
  if (!access)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'procedure declares no access' });
  if (access === 'public') return;
  if (ctx.actor.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  if (access !== 'authenticated' && !ctx.actor.permissions.has(access))
    throw new TRPCError({ code: 'FORBIDDEN', message: `You need the ${access} permission to do that` });
}

/** A failure as the caller sees it: AppError becomes its table row's error; unexpected ones are logged. */
function failure(cause: unknown, ctx: RequestContext, path: string): TRPCError {
  if (cause instanceof AppError) return toTrpcError(cause);
  const error = getTRPCErrorFromUnknown(cause);
  if (error.cause instanceof AppError) return toTrpcError(error.cause);
  if (error.code === 'INTERNAL_SERVER_ERROR')
    ctx.log.error({ err: error.cause ?? error, path }, 'procedure failed');
  return error;
}

const idempotent = (type: string, meta: Meta | undefined) =>
  type === 'mutation' && meta?.idempotency !== 'off';

/**
 * Every procedure's guard, in one middleware (each tRPC middleware costs a context copy per call):
 * who may call it, then Idempotency-Key for mutations unless they opt out (see idempotency/middleware.ts),
 * then AppError mapped to its status.
 */
const guard = t.middleware(async (opts) => {
  const { ctx, meta, path } = opts;
  checkAccess(meta?.access, ctx);
  let result: Awaited<ReturnType<typeof opts.next>>;
  try {
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
    checkAccess(meta?.access, ctx);
    try {
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
