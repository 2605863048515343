import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../test/helpers/registry';
import { anonymousActor, systemActor } from '../context';
import { AppError } from '../errors';
import { idempotencyKeyOf, idempotencyScope, requestHashOf } from './middleware';

const keyError = (value: string | string[]) => {
  try {
    idempotencyKeyOf({ 'idempotency-key': value });
  } catch (err) {
    return err as AppError;
  }
  return undefined;
};

describe('the Idempotency-Key header', () => {
  it('is optional', () => {
    expect(idempotencyKeyOf({})).toBeUndefined();
  });

  it('accepts 1 to 255 printable characters', () => {
    expect(idempotencyKeyOf({ 'idempotency-key': 'a' })).toBe('a');
    expect(idempotencyKeyOf({ 'idempotency-key': 'x'.repeat(255) })).toHaveLength(255);
    expect(idempotencyKeyOf({ 'idempotency-key': 'order 42: retry #1 {ok}' })).toBeTruthy();
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'x'.repeat(256)],
    ['a tab', 'a\tb'],
    ['non-ASCII', 'clé'],
    ['sent twice', ['a', 'b']],
  ])('is a 400 naming the header when %s', (_, value) => {
    const err = keyError(value);
    expect(err).toBeInstanceOf(AppError);
    expect(err!.httpStatus).toBe(400);
    expect(err!.field).toBe('Idempotency-Key');
    expect(err!.message).toMatch(/Idempotency-Key/);
  });
});

describe('idempotency scope', () => {
  const user = { kind: 'user' as const, userId: 'u1', roles: [], permissions: permissionsOf([]) };
  const req = { ip: '10.0.0.1' } as never;

  it('separates callers, channels and procedures', () => {
    const scopes = [
      idempotencyScope({ channelId: 'c1', actor: user, req }, 'orders.place'),
      idempotencyScope({ channelId: 'c2', actor: user, req }, 'orders.place'),
      idempotencyScope({ channelId: 'c1', actor: user, req }, 'orders.cancel'),
      idempotencyScope({ channelId: 'c1', actor: { ...user, userId: 'u2' }, req }, 'orders.place'),
      idempotencyScope(
        { channelId: 'c1', actor: { ...user, kind: 'api_key', apiKeyId: 'k1' }, req },
        'orders.place',
      ),
      idempotencyScope({ channelId: 'c1', actor: anonymousActor(), req }, 'orders.place'),
      idempotencyScope(
        { channelId: 'c1', actor: anonymousActor(), req: { ip: '10.0.0.2' } as never },
        'orders.place',
      ),
      idempotencyScope({ channelId: 'c1', actor: systemActor(), req }, 'orders.place'),
    ];
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('is the same for two sessions of one user', () => {
    const a = idempotencyScope({ channelId: 'c1', actor: { ...user, sessionId: 's1' }, req }, 'p');
    const b = idempotencyScope(
      { channelId: 'c1', actor: { ...user, sessionId: 's2' }, req: { ip: '1.2.3.4' } as never },
      'p',
    );
    expect(a).toBe(b);
  });
});

describe('request hash', () => {
  it('ignores key order but not values', () => {
    expect(requestHashOf({ a: 1, b: [1, 2] })).toBe(requestHashOf({ b: [1, 2], a: 1 }));
    expect(requestHashOf({ a: 1 })).not.toBe(requestHashOf({ a: 2 }));
    expect(requestHashOf(undefined)).toBe(requestHashOf(null));
  });
});
