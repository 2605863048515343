import type { Clock } from '../clock';
import { newId } from '../ids';
import type { Bus } from '../realtime';
import { createTaggedCache, type TaggedCache } from './tagged-cache';

/** Bus topic for invalidations; it has no channel prefix, so realtime gateways ignore it. */
export const INVALIDATE_TOPIC = 'cache.invalidate';

/**
 * The node's caches, by name. `invalidate(tags)` drops matching entries here at once and tells every
 * other node over the bus, so a revoked session or a changed role stops working everywhere.
 */
export interface CacheHub {
  cache<V>(name: string, opts: { max: number; ttlMs: number }): TaggedCache<V>;
  invalidate(tags: readonly string[]): Promise<void>;
  /**
   * Called with the tags of every invalidation this node applies, its own and other nodes', once each and
   * after the matching entries are gone (so a listener that reads through a cache reads fresh data).
   * For what outlives a cache entry, e.g. open sockets holding an identity. Returns an unsubscribe.
   */
  onInvalidate(listener: (tags: readonly string[]) => void): () => void;
  close(): Promise<void>;
}

export async function createCacheHub(bus: Bus, clock: Clock): Promise<CacheHub> {
  const node = newId();
  const caches = new Map<string, TaggedCache<unknown>>();
  const listeners = new Set<(tags: readonly string[]) => void>();
  const dropLocal = (tags: readonly string[]) => {
    for (const c of caches.values()) c.invalidateTags(tags);
    for (const l of listeners) {
      try {
        l(tags);
      } catch {
        // A listener's failure is its own; the caches are already consistent.
      }
    }
  };
  const unsubscribe = await bus.subscribe((m) => {
    if (m.topic !== INVALIDATE_TOPIC) return;
    const data = m.data as { node?: string; tags?: unknown };
    if (data.node === node || !Array.isArray(data.tags)) return;
    dropLocal(data.tags.filter((t): t is string => typeof t === 'string'));
  });
  return {
    cache<V>(name: string, opts: { max: number; ttlMs: number }) {
      let c = caches.get(name);
      if (!c) {
        c = createTaggedCache<unknown>({ ...opts, clock });
        caches.set(name, c);
      }
      return c as TaggedCache<V>;
    },
    async invalidate(tags) {
      if (!tags.length) return;
      dropLocal(tags);
      await bus.publish({ topic: INVALIDATE_TOPIC, data: { node, tags } });
    },
    onInvalidate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await unsubscribe();
      listeners.clear();
      for (const c of caches.values()) c.clear();
    },
  };
}
