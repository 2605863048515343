import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import type { Permission } from '../access/permissions';
import { AppError, type ErrorCode, errorTable } from '../errors';
import { withIdempotencyKey } from '../idempotency';
import type { RequestContext } from './context';

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

/** The field an error is about: from a zod issue path or an AppError. */
function fieldOf(error: TRPCError): string | undefined {
  const cause = error.cause;
  if (cause instanceof AppError) return cause.field;
  if (cause instanceof ZodError) return cause.issues[0]?.path.join('.') || undefined;
  return undefined;
}

function messageOf(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof ZodError) {
    return cause.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
  }
  if (error.code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. It has been logged.';
  return error.message;
}

const t = initTRPC
  .context<RequestContext>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const appCode: ErrorCode | undefined = error.cause instanceof AppError ? error.cause.code : undefined;
      return {
        ...shape,
        message: messageOf(error),
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appCode ?? (error.cause instanceof ZodError ? 'VALIDATION' : undefined),
          field: fieldOf(error),
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
 * Every procedure's guard, in one middleware (each tRPC middleware costs a context copy per call):
 * who may call it, then Idempotency-Key for mutations unless they opt out (see idempotency/middleware.ts),
 * then AppError mapped to its status.
 */
const guard = t.middleware(async (opts) => {
  const { ctx, meta, path } = opts;
  const access = meta?.access;
  if (!access)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'procedure declares no access' });
  if (access !== 'public') {
    if (ctx.actor.kind === 'anonymous')
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
    if (access !== 'authenticated' && !ctx.actor.permissions.has(access))
      throw new TRPCError({ code: 'FORBIDDEN', message: `You need the ${access} permission to do that` });
  }
  let result: Awaited<ReturnType<typeof opts.next>>;
  try {
    result =
      opts.type === 'mutation' && meta.idempotency !== 'off'
        ? await withIdempotencyKey(opts)
        : await opts.next();
  } catch (err) {
    throw err instanceof AppError ? toTrpcError(err) : err;
  }
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) return { ...result, error: toTrpcError(cause) };
    if (result.error.code === 'INTERNAL_SERVER_ERROR')
      ctx.log.error({ err: cause ?? result.error, path }, 'procedure failed');
  }
  return result;
});

/** The one way to declare a procedure: `procedure('roles.assign').meta({ openapi }).input(...).output(...)`. */
export function procedure(access: Access) {
  return t.procedure.meta({ access }).use(guard);
}
