import type { Readable } from 'node:stream';

/**
 * The storage port: where media bytes live. Two adapters: local disk under DATA_DIR (the default) and any
 * S3-compatible service (AWS S3, Cloudflare R2, MinIO) when S3_BUCKET is set. Keys are made by the
 * product (`storageKey`), never from a name someone sent, and every adapter refuses a key that does not
 * look like one (`assertStorageKey`), so a `../` can never reach the file system or another bucket prefix.
 */
export interface StoragePort {
  readonly kind: 'local' | 's3';
  /** Where the bytes go, for the start-up log: never the credentials. */
  readonly description: string;
  /** Writes the object whole (readers never see half of it); writing the same key again replaces it. */
  put(key: string, body: Buffer | Readable, opts: { contentType: string }): Promise<void>;
  /** The whole object, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** The object as a stream, or undefined when there is none. */
  stream(key: string): Promise<Readable | undefined>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** The address a browser loads it from: `/media/<key>` locally, the bucket's public address on S3. */
  url(key: string): string;
}

/**
 * What a key may look like: lower-case segments of letters, digits, dots, dashes and underscores, joined by
 * single slashes, no segment starting with a dot, at most 512 characters. Everything the product builds
 * fits; `../x`, `/etc/passwd`, `a//b`, `.hidden`, `C:\x`, `%2e%2e` and NUL do not.
 */
const KEY_RE = /^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*(?:\/[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*)*$/;

export class StorageKeyError extends Error {
  override name = 'StorageKeyError';
}

export function isStorageKey(key: string): boolean {
  return key.length <= 512 && KEY_RE.test(key);
}

/** Throws unless the key is one the product could have made (see KEY_RE). */
export function assertStorageKey(key: string): string {
  if (typeof key !== 'string' || !isStorageKey(key))
    throw new StorageKeyError(`Not a storage key: ${JSON.stringify(String(key).slice(0, 80))}`);
  return key;
}

const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH_RE = /^[0-9a-f]{64}$/;
const NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const EXT_RE = /^[a-z0-9]{1,8}$/;

/**
 * The key of one file of a media asset: `<channel id>/<sha256 of the upload>/<name>.<ext>`. Content
 * addressed (the same upload makes the same keys, so uploading it again writes nothing new, and a key's
 * bytes never change, so they can be cached for a year), per channel (a channel's files can be removed
 * without touching another's). Every part is checked: none comes from what an uploader named the file.
 */
export function storageKey(channelId: string, sha256: string, name: string, ext: string): string {
  const channel = channelId.toLowerCase();
  if (!ID_RE.test(channel)) throw new StorageKeyError('The channel id is not a UUID');
  if (!HASH_RE.test(sha256)) throw new StorageKeyError('The content hash is not a sha256 in hex');
  if (!NAME_RE.test(name)) throw new StorageKeyError(`Not a file name the product makes: ${name}`);
  if (!EXT_RE.test(ext)) throw new StorageKeyError(`Not an extension the product makes: ${ext}`);
  return assertStorageKey(`${channel}/${sha256}/${name}.${ext}`);
}

/** Content types by the extensions the product writes (the files route serves these and nothing else). */
export const contentTypes: Readonly<Record<string, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
};

export const contentTypeOfKey = (key: string): string | undefined =>
  contentTypes[key.slice(key.lastIndexOf('.') + 1)];
