import { describe, expect, it } from 'vitest';
import { permissionsOf, productRegistry } from '../../../test/helpers/registry';
import { type Actor, anonymousActor } from '../context';
import { checkTopicAccess } from './topics';

const user = (id: string, roles: Actor['roles'] = ['customer']): Actor => ({
  kind: 'user',
  userId: id,
  roles,
  permissions: permissionsOf(roles),
});

describe('topic access', () => {
  it('anyone, signed in or not, may watch a show', () => {
    expect(checkTopicAccess(productRegistry, 'show.abc', anonymousActor(), 'ch1')).toEqual({ ok: true });
    expect(checkTopicAccess(productRegistry, 'show.abc', user('u1'), 'ch1')).toEqual({ ok: true });
  });

  it('the ops feed needs the console permission, and only for the socket’s own channel', () => {
    expect(checkTopicAccess(productRegistry, 'channel.ch1.ops', anonymousActor(), 'ch1')).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect(checkTopicAccess(productRegistry, 'channel.ch1.ops', user('u1'), 'ch1')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(
      checkTopicAccess(productRegistry, 'channel.ch1.ops', user('u2', ['customer', 'ops']), 'ch1'),
    ).toEqual({ ok: true });
    expect(
      checkTopicAccess(productRegistry, 'channel.ch2.ops', user('u2', ['customer', 'founder']), 'ch1'),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('a user topic is for that user alone', () => {
    expect(checkTopicAccess(productRegistry, 'user.u1', user('u1'), 'ch1')).toEqual({ ok: true });
    expect(
      checkTopicAccess(productRegistry, 'user.u1', user('u2', ['customer', 'founder']), 'ch1'),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(checkTopicAccess(productRegistry, 'user.u1', anonymousActor(), 'ch1')).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('a topic matching no rule does not exist', () => {
    for (const t of ['show', 'show.', 'show.a.b', 'shows.a', 'show.a/../b', `show.${'x'.repeat(65)}`])
      expect(checkTopicAccess(productRegistry, t, user('u1', ['founder']), 'ch1')).toMatchObject({
        code: 'UNKNOWN_TOPIC',
      });
  });
});
