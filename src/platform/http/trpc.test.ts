import type { TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../context';
import { badInput } from '../errors';
import type { RequestContext } from './context';
import { createCallerFactory, directCall, middleware, procedure, router } from './trpc';

const signedIn: Actor = {
  kind: 'user',
  userId: 'u1',
  roles: ['customer'],
  permissions: new Set(['account.manage']),
  sessionId: 's1',
};

function contextFor(actor: Actor): RequestContext {
  const log = { error: vi.fn() };
  return { actor, log, channelId: 'c1', req: { headers: {} } } as unknown as RequestContext;
}

const things = router({
  echo: procedure('public')
    .input(z.strictObject({ name: z.string().min(2) }))
    .output(z.object({ hello: z.string() }))
    .query(({ input }) => ({ hello: input.name, extra: 'stripped by the output schema' })),
  secret: procedure('users.read').query(() => 'nope'),
  mine: procedure('authenticated').query(({ ctx }) => ctx.actor.userId),
  refuses: procedure('public').mutation(() => {
    throw badInput('name', 'Name is taken');
  }),
  breaks: procedure('public').query(() => {
    throw new Error('database on fire');
  }),
  lies: procedure('public')
    .output(z.object({ n: z.number() }))
    .query(() => ({ n: 'not a number' }) as unknown as { n: number }),
});

/** The same call through tRPC's own caller and straight through: value or error code, message, field. */
async function bothWays(path: keyof typeof things._def.procedures, actor: Actor, input?: unknown) {
  const outcome = async (run: () => Promise<unknown>) => {
    try {
      return { data: await run() };
    } catch (err) {
      const e = err as TRPCError & { cause?: { field?: string } };
      return { code: e.code, message: e.message, field: e.cause?.field, cause: e.cause?.constructor.name };
    }
  };
  const caller = createCallerFactory(things)(contextFor(actor)) as unknown as Record<
    string,
    (i: unknown) => Promise<unknown>
  >;
  const viaTrpc = await outcome(() => caller[path]!(input));
  const direct = await outcome(() =>
    directCall(things._def.procedures[path])(contextFor(actor), path, async () => input),
  );
  return { viaTrpc, direct };
}

describe('a procedure called straight through', () => {
  it.each([
    ['echo', signedIn, { name: 'Ada' }],
    ['echo', signedIn, { name: 'A' }],
    ['echo', signedIn, { name: 'Ada', admin: true }],
    ['echo', signedIn, undefined],
    ['secret', signedIn, undefined],
    ['mine', { kind: 'anonymous', roles: [], permissions: new Set() } as unknown as Actor, undefined],
    ['mine', signedIn, undefined],
    ['refuses', signedIn, undefined],
    ['breaks', signedIn, undefined],
    ['lies', signedIn, undefined],
  ] as const)('answers %s like tRPC does', async (path, actor, input) => {
    const { viaTrpc, direct } = await bothWays(path, actor, input);
    expect(direct).toEqual(viaTrpc);
  });

  it('keeps what the output schema allows and nothing else', async () => {
    const { direct } = await bothWays('echo', signedIn, { name: 'Ada' });
    expect(direct).toEqual({ data: { hello: 'Ada' } });
  });

  it('names the field of an AppError and of a validation failure', async () => {
    expect((await bothWays('refuses', signedIn)).direct).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'name',
    });
    expect((await bothWays('echo', signedIn, { name: 'A' })).direct).toMatchObject({
      code: 'BAD_REQUEST',
      cause: 'ZodError',
    });
  });

  it('refuses access with an AppError both ways: UNAUTHENTICATED for nobody, FORBIDDEN without the permission', async () => {
    const anonymous = { kind: 'anonymous', roles: [], permissions: new Set() } as unknown as Actor;
    for (const way of Object.values(await bothWays('mine', anonymous)))
      expect(way).toMatchObject({ code: 'UNAUTHORIZED', cause: 'AppError', message: 'Sign in first' });
    for (const way of Object.values(await bothWays('secret', signedIn)))
      expect(way).toMatchObject({ code: 'FORBIDDEN', cause: 'AppError' });
  });

  it('refuses procedures that add middleware of their own', () => {
    const extra = middleware(({ next }) => next());
    const odd = procedure('public')
      .use(extra)
      .query(() => 1);
    expect(() => directCall(odd)).toThrow(/no other middleware/);
  });
});
