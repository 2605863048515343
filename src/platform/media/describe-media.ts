import type { MediaDescriptor } from './descriptor';
import type { mediaAssets } from './schema';
import type { StoragePort } from './storage-port';

const FORMAT_ORDER = { avif: 0, webp: 1, jpeg: 2 } as const;

/** A row as pages see it: addresses come from today's storage, so moving to a CDN changes them all. */
export function describeMedia(storage: StoragePort, row: typeof mediaAssets.$inferSelect): MediaDescriptor {
  const sources = [...row.sources]
    .sort((a, b) => FORMAT_ORDER[a.format] - FORMAT_ORDER[b.format] || a.width - b.width)
    .map((s) => ({ format: s.format, width: s.width, key: s.key, url: storage.url(s.key) }));
  return {
    id: row.id,
    kind: row.kind as MediaDescriptor['kind'],
    status: row.status as MediaDescriptor['status'],
    width: row.width,
    height: row.height,
    placeholder: row.placeholder,
    sources,
    video: row.kind === 'video' ? { url: storage.url(row.originalKey), contentType: row.contentType } : null,
    error: row.error,
  };
}
