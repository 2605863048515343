import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { IMMUTABLE } from './s3-storage';
import { storageFor } from './storage';
import { type StoragePort, storageKey } from './storage-port';
import { startTestS3 } from './test-s3-server';

const channel = '0190a0b0-0000-7000-8000-000000000002';
const hash = 'b'.repeat(64);

describe('the S3 adapter, against an S3-compatible server started in the test', () => {
  let s3: Awaited<ReturnType<typeof startTestS3>>;
  let storage: StoragePort;

  beforeAll(async () => {
    s3 = await startTestS3();
    // Chosen by configuration, as the product chooses it.
    storage = storageFor(loadConfig({ NODE_ENV: 'test', ...s3.env }));
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('is the adapter S3_BUCKET selects', () => {
    expect(storage.kind).toBe('s3');
    expect(storage.description).toBe(`the S3 bucket lsn-media at ${new URL(s3.endpoint).host}`);
  });

  it('puts bytes and streams, reads them back whole or streamed, tells existence, deletes', async () => {
    const a = storageKey(channel, hash, 'w320', 'webp');
    const b = storageKey(channel, hash, 'original', 'mp4');
    expect(await storage.exists(a)).toBe(false);
    expect(await storage.get(a)).toBeUndefined();
    expect(await storage.stream(a)).toBeUndefined();

    await storage.put(a, Buffer.from('webp bytes'), { contentType: 'image/webp' });
    await storage.put(b, Readable.from([Buffer.from('video '), Buffer.from('bytes')]), {
      contentType: 'video/mp4',
    });
    expect(await storage.exists(a)).toBe(true);
    expect((await storage.get(a))!.toString()).toBe('webp bytes');
    const chunks: Buffer[] = [];
    for await (const c of (await storage.stream(b))!) chunks.push(Buffer.from(c as Uint8Array));
    expect(Buffer.concat(chunks).toString()).toBe('video bytes');

    await storage.delete(a);
    await storage.delete(a);
    expect(await storage.exists(a)).toBe(false);
  });

  it('its addresses serve the object with its type and a year of caching', async () => {
    const key = storageKey(channel, hash, 'w640', 'avif');
    await storage.put(key, Buffer.from('avif bytes'), { contentType: 'image/avif' });
    const url = storage.url(key);
    expect(url).toBe(`${s3.endpoint}/lsn-media/${key}`);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/avif');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(await res.text()).toBe('avif bytes');
  });

  it('refuses keys the product did not make, before any request', async () => {
    await expect(storage.get('../other-bucket/x.jpg')).rejects.toThrow(/Not a storage key/);
    await expect(
      storage.put('a/../../b.jpg', Buffer.from('x'), { contentType: 'image/jpeg' }),
    ).rejects.toThrow();
  });

  it('uses S3_PUBLIC_URL for addresses when a CDN fronts the bucket', () => {
    const cdn = storageFor(
      loadConfig({ NODE_ENV: 'test', ...s3.env, S3_PUBLIC_URL: 'https://media.shop.test/' }),
    );
    expect(cdn.url(`${channel}/${hash}/w320.jpg`)).toBe(
      `https://media.shop.test/${channel}/${hash}/w320.jpg`,
    );
  });
});
