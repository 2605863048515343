import type { Config } from '../config';
import { defineUpload } from '../http';
import { inspectUpload, maxUploadBytes, tooLarge, type UploadLimits } from './inspect-upload';
import { receiveUpload, UploadTooLarge } from './receive-upload';
import { uploadMedia } from './upload-media';

export const uploadLimits = (config: Config): UploadLimits => ({
  imageMaxBytes: config.MEDIA_IMAGE_MAX_BYTES,
  videoMaxBytes: config.MEDIA_VIDEO_MAX_BYTES,
  maxPixels: config.MEDIA_MAX_PIXELS,
});

/**
 * `POST /api/v1/media` with the file as the body (`Content-Type` its own type or
 * application/octet-stream; the name and declared type are ignored: the bytes are judged). 202 with the
 * pending asset when new, 200 with the existing one when the channel already has this file. Follow it
 * with `media.get` until `ready`. A raw body rather than multipart: one file per request needs no form
 * parser, a file's own content type cannot be sent cross-site without a CORS preflight (multipart can),
 * and the bytes stream to disk as they arrive.
 */
export const uploadMediaRoute = defineUpload({
  name: 'media.upload',
  path: '/media',
  access: 'media.upload',
  summary: 'Upload a picture or a video (the file as the request body)',
  maxBytes: (config) => maxUploadBytes(uploadLimits(config)),
  tooLarge: (config) => tooLarge(uploadLimits(config)),
  async handle(ctx, body, idempotent) {
    const limits = uploadLimits(ctx.platform.config);
    let received: Awaited<ReturnType<typeof receiveUpload>>;
    try {
      received = await receiveUpload(body, maxUploadBytes(limits));
    } catch (err) {
      if (err instanceof UploadTooLarge) throw tooLarge(limits);
      throw err;
    }
    try {
      const inspected = await inspectUpload(received.file, limits);
      const result = await idempotent({ sha256: received.sha256, bytes: received.bytes }, () =>
        uploadMedia(ctx, received, inspected),
      );
      return { status: result.created ? 202 : 200, body: result.media };
    } finally {
      await received.dispose();
    }
  },
});
