import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertStorageKey, type StoragePort } from './storage-port';

/** Node 20 has no Array.fromAsync. */
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export interface S3StorageOptions {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Any S3-compatible service (R2, MinIO); unset: AWS S3 itself. */
  endpoint?: string;
  /** `https://s3.example.com/bucket/key` rather than `https://bucket.s3.example.com/key` (MinIO, test servers). */
  forcePathStyle?: boolean;
  /** Where browsers load objects from: a CDN, R2's public address, or the bucket's own (`s3PublicBase`). */
  publicUrl: string;
}

/** Objects never change under a key (keys are content addressed): browsers and CDNs keep them a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Media in an S3-compatible bucket through the AWS SDK. Checksums are sent and checked only when an
 * operation requires them: the SDK's default (a CRC32 trailer on every upload, in aws-chunked encoding)
 * is refused by several S3-compatible services and test servers, and TLS already protects the bytes.
 */
export function s3Storage(opts: S3StorageOptions): StoragePort {
  const client = new S3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle ?? false,
    credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = opts.bucket;
  const publicBase = opts.publicUrl.replace(/\/+$/, '');
  const missing = (err: unknown) =>
    err instanceof NoSuchKey ||
    err instanceof NotFound ||
    (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

  return {
    kind: 's3',
    description: `the S3 bucket ${Bucket}${opts.endpoint ? ` at ${new URL(opts.endpoint).host}` : ` (${opts.region})`}`,

    async put(key, body, { contentType }) {
      // A stream of unknown length cannot be sent in one PutObject: read it first (uploads are bounded).
      const bytes = Buffer.isBuffer(body) ? body : await readAll(body);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: assertStorageKey(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
          CacheControl: IMMUTABLE,
        }),
      );
    },

    async get(key) {
      const stream = await this.stream(key);
      return stream ? await readAll(stream) : undefined;
    },

    async stream(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: assertStorageKey(key) }));
        return out.Body as Readable;
      } catch (err) {
        if (missing(err)) return undefined;
        throw err;
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: assertStorageKey(key) }));
    },

    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: assertStorageKey(key) }));
        return true;
      } catch (err) {
        if (missing(err)) return false;
        throw err;
      }
    },

    url(key) {
      return `${publicBase}/${assertStorageKey(key)}`;
    },
  };
}
