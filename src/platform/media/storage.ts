import path from 'node:path';
import { type Config, s3PublicBase } from '../config';
import type { Platform } from '../platform';
import { localStorage } from './local-storage';
import { s3Storage } from './s3-storage';
import type { StoragePort } from './storage-port';

/** The folder the local adapter keeps media in: `<DATA_DIR>/media`. */
export const localMediaRoot = (config: Pick<Config, 'DATA_DIR'>) => path.resolve(config.DATA_DIR, 'media');

/** The adapter a configuration asks for: S3 when S3_BUCKET is set, else the local disk. */
export function storageFor(config: Config): StoragePort {
  if (config.S3_BUCKET)
    return s3Storage({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION!,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      publicUrl: s3PublicBase(config)!,
    });
  return localStorage(localMediaRoot(config));
}

const adapters = new WeakMap<Platform, StoragePort>();

/** This deployment's storage, built once per platform. */
export function mediaStorage(platform: Platform): StoragePort {
  let storage = adapters.get(platform);
  if (!storage) {
    storage = storageFor(platform.config);
    adapters.set(platform, storage);
  }
  return storage;
}
