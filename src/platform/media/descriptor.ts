/**
 * What a page needs to show a media asset, and the `srcset`/`sizes` strings built from it. No Node APIs:
 * the web app imports this file too (WEB_SHARED in scripts/check-boundaries.ts).
 */
export type MediaFormat = 'avif' | 'webp' | 'jpeg';

export interface MediaSource {
  format: MediaFormat;
  width: number;
  key: string;
  url: string;
}

export interface MediaDescriptor {
  id: string;
  kind: 'image' | 'video';
  status: 'pending' | 'ready' | 'failed';
  /** As displayed; for a video, its poster frame's (null until known). */
  width: number | null;
  height: number | null;
  /** A ~20 px blurred rendition as a data URL, to show while the image loads. */
  placeholder: string | null;
  /** The responsive set, best format first, narrowest first within a format; empty until ready. */
  sources: MediaSource[];
  /** A video as uploaded; null for images. */
  video: { url: string; contentType: string } | null;
  /** Why processing failed, in people's words. */
  error: string | null;
}

export const MIME_OF: Readonly<Record<MediaFormat, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

/** `url 320w, url 640w, ...` for one format. */
export function srcSetOf(media: Pick<MediaDescriptor, 'sources'>, format: MediaFormat): string {
  return media.sources
    .filter((s) => s.format === format)
    .sort((a, b) => a.width - b.width)
    .map((s) => `${s.url} ${s.width}w`)
    .join(', ');
}

/**
 * A `sizes` attribute from the slot the image fills: `[['(min-width: 1024px)', '33vw'], ['(min-width:
 * 640px)', '50vw'], '100vw']` → `(min-width: 1024px) 33vw, (min-width: 640px) 50vw, 100vw`.
 */
export function sizesOf(slots: ReadonlyArray<readonly [media: string, size: string] | string>): string {
  return slots.map((s) => (typeof s === 'string' ? s : `${s[0]} ${s[1]}`)).join(', ');
}

/** What `<picture>` needs: one `<source>` per modern format, and the JPEG set for `<img>`. */
export function pictureOf(media: Pick<MediaDescriptor, 'sources'>): {
  sources: { type: string; srcSet: string }[];
  img: { src: string; srcSet: string } | undefined;
} {
  const sources = (['avif', 'webp'] as const)
    .map((f) => ({ type: MIME_OF[f], srcSet: srcSetOf(media, f) }))
    .filter((s) => s.srcSet !== '');
  const jpegs = media.sources.filter((s) => s.format === 'jpeg').sort((a, b) => a.width - b.width);
  // The fallback `src` is a middle width: browsers without srcset are old phones.
  const fallback = jpegs[Math.min(1, jpegs.length - 1)];
  return {
    sources,
    img: fallback ? { src: fallback.url, srcSet: srcSetOf(media, 'jpeg') } : undefined,
  };
}
