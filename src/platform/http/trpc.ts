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

/** Turns AppError (thrown by services) into the tRPC error its table row names. */
const mapErrors = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      const mapped = new TRPCError({ code: errorTable[cause.code].trpc, message: cause.message, cause });
      return { ...result, error: mapped };
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error({ err: cause ?? result.error, path }, 'procedure failed');
    }
  }
  return result;
});

const authorize = t.middleware(({ ctx, meta, next }) => {
  const access = meta?.access;
  if (!access)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'procedure declares no access' });
  if (access === 'public') return next();
  if (ctx.actor.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  if (access === 'authenticated' || ctx.actor.permissions.has(access)) return next();
  throw new TRPCError({ code: 'FORBIDDEN', message: `You need the ${access} permission to do that` });
});

/** Mutations run at most once per Idempotency-Key unless they opt out (see idempotency/middleware.ts). */
const idempotent = t.middleware((opts) => {
  if (opts.type !== 'mutation' || opts.meta?.idempotency === 'off') return opts.next();
  return withIdempotencyKey(opts);
});

/** The one way to declare a procedure: `procedure('roles.assign').meta({ openapi }).input(...).output(...)`. */
export function procedure(access: Access) {
  return t.procedure.meta({ access }).use(mapErrors).use(authorize).use(idempotent);
}
