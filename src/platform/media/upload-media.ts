import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { inTransaction, type PlatformCtx } from '../context';
import { newId } from '../ids';
import { describeMedia } from './describe-media';
import type { MediaDescriptor } from './descriptor';
import type { InspectedUpload } from './inspect-upload';
import { processMediaQueue } from './queues';
import type { ReceivedUpload } from './receive-upload';
import { mediaAssets } from './schema';
import { mediaStorage } from './storage';
import { storageKey } from './storage-port';

export interface UploadResult {
  media: MediaDescriptor;
  /** False when this channel already had the same file: nothing was written. */
  created: boolean;
}

/**
 * Keeps a judged upload: the file goes to storage under its content address, a `pending` row and the
 * `media.process` job commit together with the audit entry, and the caller gets the asset at once (the
 * heavy work is the job's). The same file again in the same channel is the same asset: nothing is
 * written, unless the first attempt failed, which this one retries.
 */
export async function uploadMedia(
  ctx: PlatformCtx,
  received: Pick<ReceivedUpload, 'file' | 'sha256'>,
  inspected: InspectedUpload,
): Promise<UploadResult> {
  const storage = mediaStorage(ctx.platform);
  const existingAsset = async () =>
    (
      await ctx.db
        .select()
        .from(mediaAssets)
        .where(and(eq(mediaAssets.channelId, ctx.channelId), eq(mediaAssets.sha256, received.sha256)))
    )[0];

  const before = await existingAsset();
  if (before && before.status !== 'failed') return { media: describeMedia(storage, before), created: false };

  const originalKey = storageKey(ctx.channelId, received.sha256, 'original', inspected.ext);
  if (!(await storage.exists(originalKey)))
    await storage.put(originalKey, fs.createReadStream(received.file), {
      contentType: inspected.contentType,
    });

  const row = await inTransaction(ctx, async (tx) => {
    const [inserted] = await tx.db
      .insert(mediaAssets)
      .values({
        id: newId(),
        channelId: ctx.channelId,
        sha256: received.sha256,
        kind: inspected.kind,
        contentType: inspected.contentType,
        bytes: inspected.bytes,
        originalKey,
        status: 'pending',
        width: inspected.width ?? null,
        height: inspected.height ?? null,
        uploadedBy: ctx.actor.userId,
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    let asset = inserted;
    if (!asset) {
      // Another upload of the same file won the race, or this retries a failed one.
      [asset] = await tx.db
        .update(mediaAssets)
        .set({ status: 'pending', error: null })
        .where(
          and(
            eq(mediaAssets.channelId, ctx.channelId),
            eq(mediaAssets.sha256, received.sha256),
            eq(mediaAssets.status, 'failed'),
          ),
        )
        .returning();
      if (!asset) return { asset: undefined };
    }
    await ctx.platform.jobs.send(
      processMediaQueue,
      { assetId: asset.id, channelId: ctx.channelId },
      { tx: tx.db },
    );
    await recordAudit(tx, {
      action: inserted ? 'media.upload' : 'media.retry',
      subjectType: 'media',
      subjectId: asset.id,
      data: { kind: asset.kind, contentType: asset.contentType, bytes: asset.bytes, sha256: asset.sha256 },
    });
    return { asset };
  });
  if (row.asset) return { media: describeMedia(storage, row.asset), created: true };
  const after = await existingAsset();
  if (!after) throw new Error('The asset vanished while it was being uploaded');
  return { media: describeMedia(storage, after), created: false };
}
