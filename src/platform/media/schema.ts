import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { channels } from '../access/schema';

/** One rendition of an image, stored under `key` (its address is derived when read: storage can move). */
export interface StoredSource {
  format: 'avif' | 'webp' | 'jpeg';
  width: number;
  height: number;
  key: string;
  bytes: number;
}

/**
 * Every picture or video uploaded in a channel, one row per distinct file (the sha256 of its bytes):
 * uploading the same file again finds this row. `pending` until the `media.process` job has made the
 * responsive set (and a video's poster), then `ready`, or `failed` with the reason in people's words.
 */
export const mediaAssets = pgTable(
  'media_assets',
  {
    /** UUIDv7. */
    id: uuid('id').primaryKey(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    /** Hex sha256 of the uploaded bytes: the content address of every file of the asset. */
    sha256: text('sha256').notNull(),
    kind: text('kind').notNull(),
    /** The type its bytes showed (never the one the uploader declared). */
    contentType: text('content_type').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    /** The file as uploaded. */
    originalKey: text('original_key').notNull(),
    status: text('status').notNull().default('pending'),
    /** As displayed (orientation applied). A video's come from its poster frame. */
    width: integer('width'),
    height: integer('height'),
    /** A ~20 px wide blurred rendition as a data URL, shown while the image loads. */
    placeholder: text('placeholder'),
    /** The responsive set (for a video, of its poster frame). */
    sources: jsonb('sources').$type<StoredSource[]>().notNull().default([]),
    /** Why processing failed, in people's words. */
    error: text('error'),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('media_assets_channel_sha256_idx').on(t.channelId, t.sha256),
    index('media_assets_channel_id_idx').on(t.channelId, t.id),
    check('media_assets_status_check', sql`${t.status} in ('pending', 'ready', 'failed')`),
    check('media_assets_kind_check', sql`${t.kind} in ('image', 'video')`),
  ],
);

export type MediaStatus = 'pending' | 'ready' | 'failed';
