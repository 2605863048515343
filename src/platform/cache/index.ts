export { type CacheHub, createCacheHub } from './cache-hub';
export { createTaggedCache, type TaggedCache } from './tagged-cache';
