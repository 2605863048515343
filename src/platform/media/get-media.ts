import { and, eq, inArray } from 'drizzle-orm';
import type { PlatformCtx } from '../context';
import { notFound } from '../errors';
import { describeMedia } from './describe-media';
import type { MediaDescriptor } from './descriptor';
import type { TGetMediaRequest } from './media.types';
import { mediaAssets } from './schema';
import { mediaStorage } from './storage';

/** One asset of the request's channel: how a caller follows an upload from pending to ready (or failed). */
export async function getMedia(ctx: PlatformCtx, input: TGetMediaRequest): Promise<MediaDescriptor> {
  const [row] = await ctx.db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.id, input.id), eq(mediaAssets.channelId, ctx.channelId)));
  if (!row) throw notFound('Media', input.id);
  return describeMedia(mediaStorage(ctx.platform), row);
}

/** Several assets of one channel by id (for a module that shows them, e.g. a product's gallery), in the order asked. */
export async function getMediaByIds(ctx: PlatformCtx, ids: readonly string[]): Promise<MediaDescriptor[]> {
  if (!ids.length) return [];
  const rows = await ctx.db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.channelId, ctx.channelId), inArray(mediaAssets.id, [...ids])));
  const storage = mediaStorage(ctx.platform);
  const byId = new Map(rows.map((r) => [r.id, describeMedia(storage, r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
