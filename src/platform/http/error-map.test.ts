import { getTRPCErrorShape, TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PASSWORD_MIN } from '../auth/credentials';
import { AppError, badInput } from '../errors';
import type { RequestContext } from './context';
import { createCallerFactory, procedure, router } from './trpc';

const signUpLike = z.strictObject({
  email: z.string().min(3).max(254),
  password: z.string().min(PASSWORD_MIN).max(200),
  displayName: z.string().trim().min(1).max(100),
});

const forms = router({
  signUp: procedure('public')
    .input(signUpLike)
    .mutation(() => 'ok'),
  list: procedure('public')
    .input(
      z.strictObject({
        limit: z.number().int().min(1).max(100).optional(),
        role: z.enum(['support', 'finance']).optional(),
        cursor: z
          .string()
          .regex(/^[0-9]+$/, 'must be a nextCursor value from a previous page')
          .optional(),
      }),
    )
    .query(() => 'ok'),
  changePassword: procedure('public').mutation(() => {
    throw new AppError('VALIDATION', 'currentPassword: is not your current password', {
      field: 'currentPassword',
    });
  }),
  rename: procedure('public').mutation(() => {
    throw badInput('password', `must be at least ${PASSWORD_MIN} characters`);
  }),
});

const ctx = {
  actor: { kind: 'anonymous', permissions: new Set() },
  log: { error() {} },
} as unknown as RequestContext;
const caller = createCallerFactory(forms)(ctx) as unknown as Record<
  string,
  (input?: unknown) => Promise<unknown>
>;

/** The error as an API client (and the web app) receives it: the router's error shape. */
async function shapeOf(path: string, input?: unknown) {
  try {
    await caller[path]!(input);
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return getTRPCErrorShape({ config: forms._def._config, error, type: 'mutation', path, input, ctx }) as {
      message: string;
      data: { field?: string; fields: Record<string, string> };
    };
  }
  throw new Error(`${path} did not fail`);
}

describe('error map', () => {
  it("a form with every field wrong gets one sentence per field, in people's words", async () => {
    const { message, data } = await shapeOf('signUp', { email: '', password: 'short', displayName: '   ' });
    expect(data.fields).toEqual({
      email: 'Enter your email address',
      password: `Use at least ${PASSWORD_MIN} characters`,
      displayName: 'Enter a name',
    });
    // Older callers read one field and the message; both still name the fields.
    expect(data.field).toBe('email');
    expect(message).toBe(
      `email: Enter your email address; password: Use at least ${PASSWORD_MIN} characters; displayName: Enter a name`,
    );
    expect(message).not.toMatch(/Too small|expected|>=/);
  });

  it('too long, missing, not a whole number, not one of the choices, a field the request does not take', async () => {
    const long = await shapeOf('signUp', {
      email: 'a@b.test',
      password: 'x'.repeat(PASSWORD_MIN),
      displayName: 'n'.repeat(101),
    });
    expect(long.data.fields).toEqual({ displayName: 'Use at most 100 characters' });
    const missing = await shapeOf('signUp', { password: 'x'.repeat(PASSWORD_MIN), displayName: 'Ann' });
    expect(missing.data.fields).toEqual({ email: 'Enter your email address' });
    const odd = await shapeOf('list', { limit: 2.5, role: 'cook', isAdmin: true });
    expect(odd.data.fields).toEqual({
      limit: 'Enter a whole number',
      role: 'Choose one of: support, finance',
      isAdmin: 'Leave out “isAdmin”: this request does not take it',
    });
    expect((await shapeOf('list', { limit: 0 })).data.fields).toEqual({ limit: 'Use 1 or more' });
  });

  it("a schema's own message is kept", async () => {
    expect((await shapeOf('list', { cursor: 'abc' })).data.fields).toEqual({
      cursor: 'must be a nextCursor value from a previous page',
    });
  });

  it('rules a service checks itself read the same way', async () => {
    expect((await shapeOf('rename')).data.fields).toEqual({
      password: `Use at least ${PASSWORD_MIN} characters`,
    });
    const wrong = await shapeOf('changePassword');
    expect(wrong.data).toMatchObject({
      field: 'currentPassword',
      fields: { currentPassword: 'That is not your current password' },
    });
    expect(wrong.message).toBe('currentPassword: That is not your current password');
  });
});
