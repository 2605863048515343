import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { inspectUpload, type UploadLimits } from './inspect-upload';
import { photo, pngBomb, scriptRenamedJpg, sidewaysPhoto } from './test-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsn-inspect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** The upload as the server holds it: a file whose name says nothing (names are never trusted). */
const saved = (bytes: Buffer, name = 'upload.jpg') => {
  const file = path.join(dir, `${++n}-${name}`);
  fs.writeFileSync(file, bytes);
  return file;
};
const limits: UploadLimits = {
  imageMaxBytes: 20 * 1024 * 1024,
  videoMaxBytes: 200 * 1024 * 1024,
  maxPixels: 50_000_000,
};

async function refusal(file: string, l = limits): Promise<AppError> {
  const err = await inspectUpload(file, l).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).field).toBe('file');
  return err as AppError;
}

describe('uploads are judged by their bytes, not their names', () => {
  it('a photo is an image with its size in pixels', async () => {
    expect(await inspectUpload(saved(await photo()), limits)).toEqual({
      kind: 'image',
      contentType: 'image/jpeg',
      ext: 'jpg',
      bytes: expect.any(Number),
      width: 1800,
      height: 1200,
    });
  });

  it('each accepted image type is recognised whatever it is called', async () => {
    const base = sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } });
    for (const [format, mime] of [
      ['png', 'image/png'],
      ['webp', 'image/webp'],
      ['avif', 'image/avif'],
      ['gif', 'image/gif'],
    ] as const) {
      const bytes = await base.clone().toFormat(format).toBuffer();
      const got = await inspectUpload(saved(bytes, 'innocent.txt'), limits);
      expect(got, format).toMatchObject({ kind: 'image', contentType: mime, width: 64, height: 48 });
    }
  });

  it('a <script> renamed holiday.jpg is refused (415) in words that name the field', async () => {
    const err = await refusal(saved(scriptRenamedJpg, 'holiday.jpg'));
    expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(err.httpStatus).toBe(415);
    expect(err.message).toMatch(
      /not a JPEG, PNG, WebP, AVIF or GIF image, or an MP4, WebM or QuickTime video/,
    );
  });

  it('a PDF or an SVG (which can carry scripts) is refused', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await refusal(saved(svg, 'logo.png'))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    expect((await refusal(saved(pdf, 'photo.jpg'))).message).toMatch(/its contents are PDF/);
  });

  it('a truncated JPEG is refused as incomplete', async () => {
    const whole = await photo();
    const err = await refusal(saved(whole.subarray(0, Math.floor(whole.length * 0.6))));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/This image is incomplete/);
  });

  it('a PNG declaring 1,000,000 × 1,000,000 pixels (a decompression bomb) is refused from its header', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(200);
    const started = Date.now();
    const err = await refusal(saved(bomb, 'bomb.png'));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(
      'This image is 1,000,000 × 1,000,000 pixels; images may have up to 50 million pixels.',
    );
  });

  it('an image over the size limit is refused (413) with both sizes in the message', async () => {
    const err = await refusal(saved(await photo()), { ...limits, imageMaxBytes: 10_000 });
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toMatch(/^This image is \d+ KB; images may be up to 10 KB\.$/);
  });

  it('an empty file is refused', async () => {
    expect((await refusal(saved(Buffer.alloc(0)))).message).toMatch(/empty/);
  });

  it('a sideways photo reports its size as shown (EXIF orientation applied)', async () => {
    expect(await inspectUpload(saved(await sidewaysPhoto()), limits)).toMatchObject({
      width: 400,
      height: 600,
    });
  });
});
