import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, StorageKeyError, type StoragePort } from './storage-port';

/**
 * Media on the local disk, under `<DATA_DIR>/media` (the embedded default; one node, or a shared volume).
 * Writes go to a private temporary name and are renamed into place, so a reader never sees half a file.
 * The files route (`/media/<key>`) serves them.
 */
export function localStorage(root: string, opts: { urlPrefix?: string } = {}): StoragePort {
  const base = path.resolve(root);
  const prefix = opts.urlPrefix ?? '/media/';

  /** The file of a key; the key rule already forbids `..`, and the resolved path is checked again. */
  const fileOf = (key: string) => {
    const file = path.resolve(base, assertStorageKey(key));
    if (!file.startsWith(base + path.sep)) throw new StorageKeyError('The key leaves the media folder');
    return file;
  };
  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

  return {
    kind: 'local',
    description: `the local disk (${base})`,

    async put(key, body, { contentType: _ }) {
      const file = fileOf(key);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.part`;
      try {
        if (Buffer.isBuffer(body)) await fsp.writeFile(temp, body);
        else await pipeline(body, fs.createWriteStream(temp));
        await fsp.rename(temp, file);
      } catch (err) {
        await fsp.rm(temp, { force: true });
        throw err;
      }
    },

    async get(key) {
      try {
        return await fsp.readFile(fileOf(key));
      } catch (err) {
        if (missing(err)) return undefined;
        throw err;
      }
    },

    async stream(key) {
      const file = fileOf(key);
      try {
        const handle = await fsp.open(file, 'r');
        return handle.createReadStream() as unknown as Readable;
      } catch (err) {
        if (missing(err)) return undefined;
        throw err;
      }
    },

    async delete(key) {
      await fsp.rm(fileOf(key), { force: true });
    },

    async exists(key) {
      try {
        return (await fsp.stat(fileOf(key))).isFile();
      } catch (err) {
        if (missing(err)) return false;
        throw err;
      }
    },

    url(key) {
      return prefix + assertStorageKey(key);
    },
  };
}
