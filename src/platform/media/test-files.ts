import zlib from 'node:zlib';
import sharp from 'sharp';

/** Files the media tests upload: made here, on the spot, so the tests need nothing from outside. */

export const photo = (opts: { width?: number; height?: number; seed?: string } = {}) =>
  sharp({
    create: {
      width: opts.width ?? 1800,
      height: opts.height ?? 1200,
      channels: 3,
      background: { r: 200, g: 120, b: 60 },
    },
  })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${opts.width ?? 1800}" height="${opts.height ?? 1200}"><circle cx="40%" cy="50%" r="30%" fill="#246"/><text x="10" y="40" font-size="30">${opts.seed ?? ''}</text></svg>`,
        ),
      },
    ])
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Copyright: 'Camera owner', Make: 'SecretCam', Model: 'SN-123456' } })
    .toBuffer();

/** A `<script>` saved as `holiday.jpg`. */
export const scriptRenamedJpg = Buffer.from('<script>alert(document.cookie)</script>\n');

/** A PNG whose header declares 1,000,000 × 1,000,000 pixels (4 TB decoded) in a few dozen bytes. */
export function pngBomb(width = 1_000_000, height = 1_000_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG photographed sideways: stored 600 × 400 with EXIF orientation 6 (shown 400 × 600). */
export const sidewaysPhoto = () =>
  sharp({ create: { width: 600, height: 400, channels: 3, background: '#3a7' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();

/** A 2-second MP4 (H.264, 320 × 240) made by ffmpeg's test source; undefined when ffmpeg is missing. */
export async function shortVideo(): Promise<Buffer | undefined> {
  const { execFile } = await import('node:child_process');
  const fs = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const { findFfmpeg } = await import('./poster-frame');
  const ffmpeg = await findFfmpeg();
  if (!ffmpeg) return undefined;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lsn-video-'));
  const out = path.join(dir, 'clip.mp4');
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        ffmpeg,
        [
          '-nostdin',
          '-loglevel',
          'error',
          '-f',
          'lavfi',
          '-i',
          'testsrc=size=320x240:rate=10:duration=2',
          '-pix_fmt',
          'yuv420p',
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-movflags',
          '+faststart',
          out,
        ],
        { timeout: 30_000 },
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    return await fs.readFile(out);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
