import fsp from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../errors';

/** What an upload is, judged by its bytes: its kind, type and (for images) its size in pixels. */
export interface InspectedUpload {
  kind: 'image' | 'video';
  /** The sniffed type (`image/jpeg`), never the one the client declared. */
  contentType: string;
  /** The extension the product stores it under. */
  ext: string;
  bytes: number;
  /** As displayed (EXIF orientation applied); for video, unknown until the poster is taken. */
  width?: number;
  height?: number;
}

export interface UploadLimits {
  imageMaxBytes: number;
  videoMaxBytes: number;
  maxPixels: number;
}

/** What the product takes, by the type the bytes show. */
const ACCEPTED: Readonly<Record<string, { kind: 'image' | 'video'; ext: string }>> = {
  'image/jpeg': { kind: 'image', ext: 'jpg' },
  'image/png': { kind: 'image', ext: 'png' },
  'image/webp': { kind: 'image', ext: 'webp' },
  'image/avif': { kind: 'image', ext: 'avif' },
  'image/gif': { kind: 'image', ext: 'gif' },
  'video/mp4': { kind: 'video', ext: 'mp4' },
  'video/webm': { kind: 'video', ext: 'webm' },
  'video/quicktime': { kind: 'video', ext: 'mov' },
};

export const ACCEPTED_TYPES = Object.keys(ACCEPTED);
const WHAT_WE_TAKE = 'a JPEG, PNG, WebP, AVIF or GIF image, or an MP4, WebM or QuickTime video';

export const FIELD = 'file';

const refuse = (code: 'VALIDATION' | 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE', message: string) =>
  new AppError(code, message, { field: FIELD });

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** The most bytes any upload may have: the larger of the two limits (the stream is cut there). */
export const maxUploadBytes = (limits: UploadLimits) => Math.max(limits.imageMaxBytes, limits.videoMaxBytes);

export const tooLarge = (limits: UploadLimits) =>
  refuse(
    'PAYLOAD_TOO_LARGE',
    `This file is too large: images may be up to ${formatBytes(limits.imageMaxBytes)} and videos up to ${formatBytes(limits.videoMaxBytes)}.`,
  );

/**
 * Judges an uploaded file by its contents, never by its name or declared type: the magic bytes say what
 * it is (a script renamed `.jpg` is refused), the size limit is that kind's, an image's header may not
 * declare more pixels than `maxPixels` (a decompression bomb: a few kilobytes that decode to gigabytes),
 * and the file must be whole (a JPEG cut short is refused here rather than failing later). Only headers
 * and the file's tail are read: the full decode is the processing job's.
 */
export async function inspectUpload(file: string, limits: UploadLimits): Promise<InspectedUpload> {
  const { size } = await fsp.stat(file);
  if (size === 0) throw refuse('VALIDATION', 'This file is empty: choose a picture or a video.');
  const sniffed = await fileTypeFromFile(file);
  const accepted = sniffed && ACCEPTED[sniffed.mime];
  if (!sniffed || !accepted)
    throw refuse(
      'UNSUPPORTED_MEDIA_TYPE',
      `This file is not ${WHAT_WE_TAKE}${sniffed ? ` (its contents are ${sniffed.ext.toUpperCase()})` : ''}, whatever its name says.`,
    );
  const contentType = sniffed.mime;
  const kind = accepted.kind;
  const max = kind === 'image' ? limits.imageMaxBytes : limits.videoMaxBytes;
  if (size > max)
    throw refuse(
      'PAYLOAD_TOO_LARGE',
      `This ${kind} is ${formatBytes(size)}; ${kind}s may be up to ${formatBytes(max)}.`,
    );
  if (!(await isWhole(file, contentType, size)))
    throw refuse(
      'VALIDATION',
      `This ${kind} is incomplete: the upload was cut short or the file is damaged. Try again with the original file.`,
    );
  const inspected: InspectedUpload = { kind, contentType, ext: accepted.ext, bytes: size };
  if (kind === 'image') Object.assign(inspected, await imageSize(file, limits.maxPixels));
  return inspected;
}

async function imageSize(file: string, maxPixels: number): Promise<{ width: number; height: number }> {
  let meta: Metadata;
  try {
    // Header only; the pixel limit is checked below with a sentence of our own.
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch {
    throw refuse(
      'VALIDATION',
      'This image cannot be read: the file is damaged. Try again with the original.',
    );
  }
  const { width = 0, height = 0 } = meta;
  const frameHeight = meta.pageHeight ?? height;
  if (!width || !height)
    throw refuse(
      'VALIDATION',
      'This image cannot be read: it declares no size. Try again with the original.',
    );
  if (width * frameHeight > maxPixels)
    throw refuse(
      'VALIDATION',
      `This image is ${width.toLocaleString('en')} × ${frameHeight.toLocaleString('en')} pixels; images may have up to ${Math.floor(maxPixels / 1_000_000).toLocaleString('en')} million pixels.`,
    );
  // Orientations 5 to 8 turn the picture a quarter: it is shown with width and height swapped.
  const turned = (meta.orientation ?? 1) >= 5;
  return turned ? { width: frameHeight, height: width } : { width, height: frameHeight };
}

/**
 * Whether the file ends where its format says it does: the end-of-image marker of a JPEG, the IEND chunk
 * of a PNG, a GIF's trailer, the RIFF length of a WebP, the box lengths of AVIF, MP4 and QuickTime
 * (ISO base media). WebM streams may declare no length; the processing job finds a damaged one.
 */
export async function isWhole(file: string, contentType: string, size: number): Promise<boolean> {
  const handle = await fsp.open(file, 'r');
  try {
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      await handle.read(buffer, 0, buffer.length, position);
      return buffer;
    };
    switch (contentType) {
      case 'image/jpeg': {
        // Some cameras pad after the marker: skip trailing zero bytes in the last 4 KB.
        const tail = await read(Math.max(0, size - 4096), 4096);
        let end = tail.length;
        while (end > 0 && tail[end - 1] === 0) end--;
        return end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9;
      }
      case 'image/png':
        return (await read(size - 8, 8)).equals(
          Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
        );
      case 'image/gif':
        return (await read(size - 1, 1))[0] === 0x3b;
      case 'image/webp': {
        const header = await read(0, 12);
        return header.length === 12 && header.readUInt32LE(4) + 8 <= size;
      }
      case 'image/avif':
      case 'video/mp4':
      case 'video/quicktime':
        return await boxesFill(read, size);
      default:
        return true;
    }
  } finally {
    await handle.close();
  }
}

/** ISO base media: top-level boxes, each `size(4) type(4)` (size 1: a 64-bit size follows; 0: to the end). */
async function boxesFill(read: (position: number, length: number) => Promise<Buffer>, size: number) {
  let at = 0;
  for (let boxes = 0; at < size && boxes < 10_000; boxes++) {
    const header = await read(at, 16);
    if (header.length < 8) return false;
    let length = header.readUInt32BE(0);
    if (length === 0) return true;
    if (length === 1) {
      if (header.length < 16) return false;
      const large = header.readBigUInt64BE(8);
      if (large > BigInt(Number.MAX_SAFE_INTEGER)) return false;
      length = Number(large);
    }
    if (length < 8) return false;
    at += length;
  }
  return at === size;
}
