import type { Clock } from '../clock';

/**
 * LRU + TTL + tags, in one process. A Map keeps insertion order, so re-inserting on read makes the first
 * key the least recently used. Tags name what an entry was built from (`user:<id>`), so a change to that
 * thing drops every entry built from it.
 */
export interface TaggedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, tags?: readonly string[], expiresAt?: number): void;
  /**
   * The cached value (at once), else what `load` finds, kept under its tags. Concurrent misses for a key
   * share one load. A load that an invalidation overtook (its read may predate the change) is answered to
   * the callers already waiting but not kept, and later callers start a new one: an entry never predates
   * the last invalidation. A load that finds nothing (undefined) or fails keeps nothing.
   */
  getOrLoad(key: string, load: () => Promise<Loaded<V> | undefined>): V | Promise<V | undefined>;
  invalidateTags(tags: readonly string[]): number;
  clear(): void;
  readonly size: number;
}

export interface Loaded<V> {
  value: V;
  tags: readonly string[];
  /** When the value itself stops being true (a session's expiry), if before the cache's TTL. */
  expiresAt?: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  tags: readonly string[];
}

export function createTaggedCache<V>(opts: { max: number; ttlMs: number; clock: Clock }): TaggedCache<V> {
  const entries = new Map<string, Entry<V>>();
  const byTag = new Map<string, Set<string>>();
  const loading = new Map<string, Promise<V | undefined>>();
  /** Bumped by every invalidation: a load started before it may have read what it invalidated. */
  let generation = 0;
  const invalidated = () => {
    generation++;
    loading.clear();
  };

  function remove(key: string) {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    for (const t of e.tags) {
      const keys = byTag.get(t);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(t);
    }
  }

  function get(key: string): V | undefined {
    const e = entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= opts.clock.now().getTime()) {
      remove(key);
      return undefined;
    }
    entries.delete(key);
    entries.set(key, e);
    return e.value;
  }

  function set(key: string, value: V, tags: readonly string[] = [], expiresAt = Number.POSITIVE_INFINITY) {
    remove(key);
    entries.set(key, {
      value,
      expiresAt: Math.min(opts.clock.now().getTime() + opts.ttlMs, expiresAt),
      tags,
    });
    for (const t of tags) {
      let keys = byTag.get(t);
      if (!keys) {
        keys = new Set();
        byTag.set(t, keys);
      }
      keys.add(key);
    }
    while (entries.size > opts.max) remove(entries.keys().next().value as string);
  }

  return {
    get,
    set,
    getOrLoad(key, load) {
      const hit = get(key);
      if (hit !== undefined) return hit;
      const pending = loading.get(key);
      if (pending) return pending;
      const started = generation;
      const promise = load()
        .then((found) => {
          if (found && generation === started) set(key, found.value, found.tags, found.expiresAt);
          return found?.value;
        })
        .finally(() => {
          if (loading.get(key) === promise) loading.delete(key);
        });
      loading.set(key, promise);
      return promise;
    },
    invalidateTags(tags) {
      invalidated();
      let n = 0;
      for (const t of tags) {
        for (const key of [...(byTag.get(t) ?? [])]) {
          remove(key);
          n++;
        }
      }
      return n;
    },
    clear() {
      entries.clear();
      byTag.clear();
      invalidated();
    },
    get size() {
      return entries.size;
    },
  };
}
