export { type CacheHub, createCacheHub } from './cache-hub';
export { createTaggedCache, type Loaded, type TaggedCache } from './tagged-cache';
