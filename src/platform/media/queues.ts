import { defineQueue } from '../kit';
import { type ProcessMediaJob, processMedia } from './process-media';

/**
 * One job per uploaded file. A damaged file fails the asset without retries (the handler marks it);
 * retries are for storage or database trouble. One at a time per worker: a set takes a core for a second.
 */
export const processMediaQueue = defineQueue<ProcessMediaJob>({
  name: 'media.process',
  description: 'Makes the responsive set (AVIF, WebP, JPEG) of an uploaded image, or a video poster frame',
  handler: processMedia,
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 600,
  concurrency: 1,
});
