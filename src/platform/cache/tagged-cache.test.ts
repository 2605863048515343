import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { createMemoryBus } from '../realtime/memory-bus';
import { createCacheHub } from './cache-hub';
import { createTaggedCache } from './tagged-cache';

describe('tagged LRU cache', () => {
  it('forgets an entry when its time is up', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const c = createTaggedCache<number>({ max: 10, ttlMs: 1000, clock });
    c.set('a', 1);
    clock.advance(999);
    expect(c.get('a')).toBe(1);
    clock.advance(1);
    expect(c.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry when full', () => {
    const c = createTaggedCache<number>({ max: 2, ttlMs: 60_000, clock: fixedClock('2026-01-01') });
    c.set('a', 1);
    c.set('b', 2);
    c.get('a'); // a is now the most recently used
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
  });

  it('drops every entry built from a tag, and only those', () => {
    const c = createTaggedCache<string>({ max: 10, ttlMs: 60_000, clock: fixedClock('2026-01-01') });
    c.set('s1', 'x', ['user:1', 'session:1']);
    c.set('s2', 'y', ['user:1', 'session:2']);
    c.set('s3', 'z', ['user:2', 'session:3']);
    expect(c.invalidateTags(['user:1'])).toBe(2);
    expect(c.get('s1')).toBeUndefined();
    expect(c.get('s2')).toBeUndefined();
    expect(c.get('s3')).toBe('z');
  });

  it('loads a missing key once however many callers miss it together, then answers from the cache', async () => {
    const c = createTaggedCache<string>({ max: 10, ttlMs: 60_000, clock: fixedClock('2026-01-01') });
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return { value: 'alice', tags: ['user:1'] };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => c.getOrLoad('s1', load)));
    expect(answers).toEqual(Array(20).fill('alice'));
    expect(loads).toBe(1);
    // A hit answers at once, without a promise.
    expect(c.getOrLoad('s1', load)).toBe('alice');
    expect(loads).toBe(1);
    expect(c.invalidateTags(['user:1'])).toBe(1);
    expect(await c.getOrLoad('s1', load)).toBe('alice');
    expect(loads).toBe(2);
  });

  it('does not keep a load that an invalidation overtook, and later callers load afresh', async () => {
    const c = createTaggedCache<string>({ max: 10, ttlMs: 60_000, clock: fixedClock('2026-01-01') });
    let release!: () => void;
    const slow = c.getOrLoad('s1', async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return { value: 'role: admin (read before the change)', tags: ['user:1'] };
    });
    // The role is removed while the read is in flight.
    c.invalidateTags(['user:1']);
    const fresh = c.getOrLoad('s1', async () => ({ value: 'role: none', tags: ['user:1'] }));
    release();
    // The caller that started before the change gets what was read; nothing stale stays behind.
    expect(await slow).toBe('role: admin (read before the change)');
    expect(await fresh).toBe('role: none');
    expect(c.get('s1')).toBe('role: none');
  });

  it('ends an entry at its own expiry when that comes before the TTL', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const c = createTaggedCache<string>({ max: 10, ttlMs: 60_000, clock });
    const expiresAt = clock.now().getTime() + 1_000;
    expect(await c.getOrLoad('s1', async () => ({ value: 'session', tags: [], expiresAt }))).toBe('session');
    clock.advance(999);
    expect(c.get('s1')).toBe('session');
    clock.advance(1);
    expect(c.get('s1')).toBeUndefined();
  });

  it('keeps nothing when a load finds nothing or fails, and tries again next time', async () => {
    const c = createTaggedCache<string>({ max: 10, ttlMs: 60_000, clock: fixedClock('2026-01-01') });
    expect(await c.getOrLoad('unknown', async () => undefined)).toBeUndefined();
    expect(c.size).toBe(0);
    await expect(
      c.getOrLoad('s1', async () => {
        throw new Error('database is down');
      }),
    ).rejects.toThrow('database is down');
    expect(await c.getOrLoad('s1', async () => ({ value: 'back', tags: [] }))).toBe('back');
  });

  it('an invalidation on one node reaches the other nodes over the bus', async () => {
    const bus = createMemoryBus();
    const clock = fixedClock('2026-01-01');
    const a = await createCacheHub(bus, clock);
    const b = await createCacheHub(bus, clock);
    a.cache<number>('sessions', { max: 10, ttlMs: 60_000 }).set('k', 1, ['user:9']);
    b.cache<number>('sessions', { max: 10, ttlMs: 60_000 }).set('k', 1, ['user:9']);
    await a.invalidate(['user:9']);
    expect(a.cache<number>('sessions', { max: 10, ttlMs: 60_000 }).get('k')).toBeUndefined();
    expect(b.cache<number>('sessions', { max: 10, ttlMs: 60_000 }).get('k')).toBeUndefined();
  });

  it('tells listeners about every invalidation once per node, its own and other nodes', async () => {
    const bus = createMemoryBus();
    const clock = fixedClock('2026-01-01');
    const a = await createCacheHub(bus, clock);
    const b = await createCacheHub(bus, clock);
    const seenA: string[][] = [];
    const seenB: string[][] = [];
    const readInListener: Array<number | undefined> = [];
    const sessions = b.cache<number>('sessions', { max: 10, ttlMs: 60_000 });
    sessions.set('k', 1, ['session:1']);
    a.onInvalidate((tags) => seenA.push([...tags]));
    const stop = b.onInvalidate((tags) => {
      readInListener.push(sessions.get('k'));
      seenB.push([...tags]);
    });
    await a.invalidate(['session:1']);
    expect(seenA).toEqual([['session:1']]);
    expect(seenB).toEqual([['session:1']]);
    // Listeners run after the entries are gone: reading through the cache reads fresh data.
    expect(readInListener).toEqual([undefined]);
    stop();
    await b.invalidate(['user:2']);
    expect(seenA).toEqual([['session:1'], ['user:2']]);
    expect(seenB).toEqual([['session:1']]);
  });
});
