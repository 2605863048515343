import { defineModule, definePermissions } from '../kit';
import { processMediaQueue } from './queues';
import { mediaRouter } from './router';
import * as schema from './schema';
import { uploadMediaRoute } from './upload-route';

/**
 * Media: the storage port (local disk or an S3-compatible bucket), uploads judged by their contents, and
 * the image pipeline (a responsive AVIF/WebP/JPEG set with a blur placeholder, a video's poster frame)
 * run as a job. Other modules keep media ids and show descriptors.
 */
export { demoImageSvg, demoProductImage, seededRandom } from './demo-image';
export {
  type MediaDescriptor,
  type MediaFormat,
  type MediaSource,
  MIME_OF,
  pictureOf,
  sizesOf,
  srcSetOf,
} from './descriptor';
export { mediaFilesPlugin } from './files-plugin';
export { getMedia, getMediaByIds } from './get-media';
export { ACCEPTED_TYPES, type InspectedUpload, inspectUpload, type UploadLimits } from './inspect-upload';
export { localStorage } from './local-storage';
export { ZMediaDescriptor } from './media.types';
export { processMediaQueue } from './queues';
export { receiveUpload } from './receive-upload';
export { FORMATS, renderResponsiveSet, WIDTHS, widthsFor } from './responsive-set';
export { s3Storage } from './s3-storage';
export { mediaAssets } from './schema';
export { localMediaRoot, mediaStorage, storageFor } from './storage';
export {
  assertStorageKey,
  isStorageKey,
  StorageKeyError,
  type StoragePort,
  storageKey,
} from './storage-port';
export { type UploadResult, uploadMedia } from './upload-media';
export { uploadMediaBytes } from './upload-media-bytes';
export { uploadLimits, uploadMediaRoute } from './upload-route';

export const mediaPermissions = definePermissions({
  'media.upload': 'Upload pictures and videos to the channel and follow their processing',
});
declare module '../kit' {
  interface PermissionRegistry extends Record<keyof typeof mediaPermissions, true> {}
}

export const mediaModule = defineModule({
  name: 'media',
  description:
    'Media storage (local disk or S3), uploads checked by content, responsive image sets and video posters made by a job.',
  router: { media: mediaRouter },
  schema,
  permissions: mediaPermissions,
  // Staff who edit the catalog (ops, admin) and creators (their show and product media); founders hold all.
  roleGrants: { creator: ['media.upload'], ops: ['media.upload'], admin: ['media.upload'] },
  queues: [processMediaQueue],
  uploads: [uploadMediaRoute],
});
