import { and, eq } from 'drizzle-orm';
import type { JobContext } from '../jobs';
import { extractPosterFrame, findFfmpeg } from './poster-frame';
import { type Rendition, renderResponsiveSet } from './responsive-set';
import { mediaAssets, type StoredSource } from './schema';
import { mediaStorage } from './storage';
import { contentTypes, storageKey } from './storage-port';

export interface ProcessMediaJob {
  assetId: string;
  channelId: string;
}

const EXT = { avif: 'avif', webp: 'webp', jpeg: 'jpg' } as const;

/** A failure no retry can fix: the file itself. The asset is marked failed with the reason at once. */
class UnprocessableMedia extends Error {}

/**
 * The heavy half of an upload, as a job: the responsive set of an image (or of a video's poster frame)
 * written to storage, then the row marked ready. Safe to run twice: keys are content addressed (a rerun
 * writes the same bytes to the same keys) and a ready asset is left alone.
 */
export async function processMedia(ctx: JobContext, data: ProcessMediaJob): Promise<object> {
  const { platform } = ctx;
  const storage = mediaStorage(platform);
  const [asset] = await platform.db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.id, data.assetId), eq(mediaAssets.channelId, data.channelId)));
  if (!asset) return { skipped: 'no such asset' };
  if (asset.status === 'ready') return { skipped: 'already ready' };

  const finish = (values: Partial<typeof mediaAssets.$inferInsert>) =>
    platform.db
      .update(mediaAssets)
      .set({ ...values, processedAt: platform.clock.now() })
      .where(eq(mediaAssets.id, asset.id));

  try {
    const original = await storage.get(asset.originalKey);
    if (!original) throw new Error(`The original ${asset.originalKey} is missing from storage`);
    let picture: Buffer | undefined = original;
    if (asset.kind === 'video') {
      const ffmpeg = await findFfmpeg();
      picture = undefined;
      if (!ffmpeg)
        ctx.log.warn({ assetId: asset.id }, 'ffmpeg is not on PATH: the video keeps no poster frame');
      else {
        try {
          picture = await extractPosterFrame(ffmpeg, original);
        } catch (err) {
          throw new UnprocessableMedia(
            `No frame of this video could be read (${(err as Error).message.slice(0, 200)})`,
          );
        }
      }
    }
    if (!picture) {
      await finish({ status: 'ready', error: null });
      return { ready: asset.id, poster: false };
    }

    let set: Awaited<ReturnType<typeof renderResponsiveSet>>;
    try {
      set = await renderResponsiveSet(picture, { maxPixels: platform.config.MEDIA_MAX_PIXELS });
    } catch (err) {
      throw new UnprocessableMedia(
        `This image could not be read: it is damaged (${(err as Error).message.slice(0, 200)})`,
      );
    }
    const sources: StoredSource[] = [];
    const stored = async (r: Rendition) => {
      const key = storageKey(
        asset.channelId,
        asset.sha256,
        `${asset.kind === 'video' ? 'poster-' : ''}w${r.width}`,
        EXT[r.format],
      );
      await storage.put(key, r.data, { contentType: contentTypes[EXT[r.format]]! });
      sources.push({ format: r.format, width: r.width, height: r.height, key, bytes: r.data.length });
    };
    // A few at a time: S3 round trips overlap, the disk is not flooded.
    for (let i = 0; i < set.renditions.length; i += 5)
      await Promise.all(set.renditions.slice(i, i + 5).map(stored));
    await finish({
      status: 'ready',
      width: set.width,
      height: set.height,
      placeholder: set.placeholder,
      sources,
      error: null,
    });
    return { ready: asset.id, renditions: sources.length };
  } catch (err) {
    if (err instanceof UnprocessableMedia) {
      await finish({ status: 'failed', error: err.message });
      return { failed: asset.id, reason: err.message };
    }
    throw err; // storage or database trouble: pg-boss retries
  }
}
