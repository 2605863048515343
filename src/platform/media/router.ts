import { procedure, router } from '../http';
import { getMedia } from './get-media';
import { ZGetMediaRequestSchema, ZGetMediaResponseSchema } from './media.types';

/** Uploads themselves are `POST /api/v1/media` (a raw body: see upload-route.ts); this follows them. */
export const mediaRouter = router({
  get: procedure('media.upload')
    .meta({
      openapi: {
        method: 'GET',
        path: '/media/{id}',
        tags: ['media'],
        summary:
          'One uploaded picture or video: pending, ready with its responsive set, or failed with the reason',
      },
    })
    .input(ZGetMediaRequestSchema)
    .output(ZGetMediaResponseSchema)
    .query(({ ctx, input }) => getMedia(ctx, input)),
});
