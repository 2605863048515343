import type { Clock } from '../clock';

/**
 * LRU + TTL + tags, in one process. A Map keeps insertion order, so re-inserting on read makes the first
 * key the least recently used. Tags name what an entry was built from (`user:<id>`), so a change to that
 * thing drops every entry built from it.
 */
export interface TaggedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, tags?: readonly string[]): void;
  delete(key: string): void;
  invalidateTags(tags: readonly string[]): number;
  clear(): void;
  readonly size: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  tags: readonly string[];
}

export function createTaggedCache<V>(opts: { max: number; ttlMs: number; clock: Clock }): TaggedCache<V> {
  const entries = new Map<string, Entry<V>>();
  const byTag = new Map<string, Set<string>>();

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

  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expiresAt <= opts.clock.now().getTime()) {
        remove(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, e);
      return e.value;
    },
    set(key, value, tags = []) {
      remove(key);
      entries.set(key, { value, expiresAt: opts.clock.now().getTime() + opts.ttlMs, tags });
      for (const t of tags) {
        let keys = byTag.get(t);
        if (!keys) {
          keys = new Set();
          byTag.set(t, keys);
        }
        keys.add(key);
      }
      while (entries.size > opts.max) remove(entries.keys().next().value as string);
    },
    delete: remove,
    invalidateTags(tags) {
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
    },
    get size() {
      return entries.size;
    },
  };
}
