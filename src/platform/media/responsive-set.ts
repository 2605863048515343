import sharp from 'sharp';

/** The widths a responsive set is made in (never wider than the source). */
export const WIDTHS = [320, 640, 960, 1280, 1600] as const;
/** Best first: a browser takes the first `<source>` it can show. */
export const FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type ImageFormat = (typeof FORMATS)[number];

export interface Rendition {
  format: ImageFormat;
  width: number;
  height: number;
  data: Buffer;
}

export interface ResponsiveSet {
  /** The source as displayed: EXIF orientation applied. */
  width: number;
  height: number;
  /** A tiny blurred rendition as a data URL, about 20 px wide. */
  placeholder: string;
  renditions: Rendition[];
}

/** The widths for a source `width` pixels wide: the standard ones it covers, plus its own when it is narrower than the largest. */
export function widthsFor(width: number): number[] {
  const fits: number[] = WIDTHS.filter((w) => w <= width);
  const largest = WIDTHS[WIDTHS.length - 1]!;
  if (width < largest && !fits.includes(width)) fits.push(width);
  return fits;
}

/**
 * From one picture, the set a page needs: each width in AVIF, WebP and JPEG, turned upright by its EXIF
 * orientation, with every metadata block (EXIF with its GPS position, XMP, the camera's serial number)
 * left out, which is sharp's default on output, and colours converted to sRGB. Encoder efforts are
 * chosen for throughput (AVIF effort 1 of 9, WebP 2 of 6, libjpeg-turbo rather than mozjpeg: a few
 * percent larger files for several times less CPU, measured here): a seeded catalog runs hundreds of
 * images through here on two cores. The whole source is decoded (`failOn: 'truncated'`),
 * so a damaged file fails here with a reason.
 */
export async function renderResponsiveSet(
  source: Buffer,
  opts: { maxPixels: number },
): Promise<ResponsiveSet> {
  const base = sharp(source, { limitInputPixels: opts.maxPixels, failOn: 'truncated' }).rotate();
  const meta = await base.metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  const width = meta.autoOrient?.width ?? (turned ? meta.height : meta.width) ?? 0;
  const height = meta.autoOrient?.height ?? (turned ? meta.width : meta.height) ?? 0;
  if (!width || !height) throw new Error('The image declares no size');
  // Decode once, at the largest width needed, and make every rendition from those pixels.
  const widths = widthsFor(width);
  const master = await base
    .clone()
    .resize({ width: widths[widths.length - 1], withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = () =>
    sharp(master.data, {
      raw: { width: master.info.width, height: master.info.height, channels: master.info.channels },
    });
  const jobs: Promise<Rendition>[] = [];
  for (const w of widths) {
    const h = Math.max(1, Math.round((height * w) / width));
    for (const format of FORMATS) {
      const resized = pixels().resize({ width: w, height: h, fit: 'fill' });
      const encoded =
        format === 'avif'
          ? resized.avif({ quality: 55, effort: 1 })
          : format === 'webp'
            ? resized.webp({ quality: 78, effort: 2 })
            : resized.flatten({ background: '#ffffff' }).jpeg({ quality: 80, progressive: true });
      jobs.push(encoded.toBuffer().then((data) => ({ format, width: w, height: h, data })));
    }
  }
  const tiny = await pixels()
    .resize({ width: 20, height: Math.max(1, Math.round((height * 20) / width)), fit: 'fill' })
    .blur(0.6)
    .webp({ quality: 40 })
    .toBuffer();
  return {
    width,
    height,
    placeholder: `data:image/webp;base64,${tiny.toString('base64')}`,
    renditions: await Promise.all(jobs),
  };
}
