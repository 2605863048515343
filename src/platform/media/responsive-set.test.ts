import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { demoProductImage } from './demo-image';
import { pictureOf, sizesOf, srcSetOf } from './descriptor';
import { renderResponsiveSet, widthsFor } from './responsive-set';
import { photo, sidewaysPhoto } from './test-files';

describe('the responsive set', () => {
  it('never makes a width larger than the source, and keeps the source width when it falls between', () => {
    expect(widthsFor(4000)).toEqual([320, 640, 960, 1280, 1600]);
    expect(widthsFor(1000)).toEqual([320, 640, 960, 1000]);
    expect(widthsFor(640)).toEqual([320, 640]);
    expect(widthsFor(200)).toEqual([200]);
  });

  it('one photo becomes every width in AVIF, WebP and JPEG, without its EXIF, with a tiny placeholder', async () => {
    const set = await renderResponsiveSet(await photo({ width: 1000, height: 750 }), { maxPixels: 50e6 });
    expect({ width: set.width, height: set.height }).toEqual({ width: 1000, height: 750 });
    expect(set.renditions.map((r) => `${r.format}@${r.width}`).sort()).toEqual(
      ['avif', 'webp', 'jpeg'].flatMap((f) => [320, 640, 960, 1000].map((w) => `${f}@${w}`)).sort(),
    );
    for (const r of set.renditions) {
      const meta = await sharp(r.data).metadata();
      expect(meta.format === 'heif' ? 'avif' : meta.format).toBe(r.format);
      expect(meta.width).toBe(r.width);
      expect(meta.height).toBe(Math.round((750 * r.width) / 1000));
      expect(meta.exif, `${r.format}@${r.width} keeps no EXIF`).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
    }
    expect(set.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(set.placeholder.length).toBeLessThan(600);
    const tiny = await sharp(Buffer.from(set.placeholder.split(',')[1]!, 'base64')).metadata();
    expect(tiny.width).toBe(20);
  });

  it('a sideways photo comes out upright', async () => {
    const set = await renderResponsiveSet(await sidewaysPhoto(), { maxPixels: 50e6 });
    expect({ width: set.width, height: set.height }).toEqual({ width: 400, height: 600 });
    const jpeg = set.renditions.find((r) => r.format === 'jpeg')!;
    const meta = await sharp(jpeg.data).metadata();
    expect({ w: meta.width, h: meta.height, o: meta.orientation }).toEqual({ w: 320, h: 480, o: undefined });
  });
});

describe('srcset and sizes for the web', () => {
  const media = {
    sources: [
      { format: 'jpeg' as const, width: 640, key: 'k', url: '/media/a/w640.jpg' },
      { format: 'avif' as const, width: 320, key: 'k', url: '/media/a/w320.avif' },
      { format: 'jpeg' as const, width: 320, key: 'k', url: '/media/a/w320.jpg' },
      { format: 'avif' as const, width: 640, key: 'k', url: '/media/a/w640.avif' },
    ],
  };
  it('lists each format narrowest first; the fallback img is the JPEG set', () => {
    expect(srcSetOf(media, 'avif')).toBe('/media/a/w320.avif 320w, /media/a/w640.avif 640w');
    expect(pictureOf(media)).toEqual({
      sources: [{ type: 'image/avif', srcSet: '/media/a/w320.avif 320w, /media/a/w640.avif 640w' }],
      img: { src: '/media/a/w640.jpg', srcSet: '/media/a/w320.jpg 320w, /media/a/w640.jpg 640w' },
    });
    expect(sizesOf([['(min-width: 1024px)', '33vw'], ['(min-width: 640px)', '50vw'], '100vw'])).toBe(
      '(min-width: 1024px) 33vw, (min-width: 640px) 50vw, 100vw',
    );
  });
});

describe('demo product images', () => {
  it('are the same for the same seed, differ between seeds, and are quick to make', async () => {
    const started = Date.now();
    const a = await demoProductImage({ seed: 'oak-bottle', label: 'Oak', width: 600, height: 600 });
    const b = await demoProductImage({ seed: 'oak-bottle', label: 'Oak', width: 600, height: 600 });
    const c = await demoProductImage({
      seed: 'zen-mug',
      label: 'Zen',
      width: 600,
      height: 600,
      format: 'jpeg',
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(await sharp(a).metadata()).toMatchObject({ format: 'png', width: 600, height: 600 });
    expect(await sharp(c).metadata()).toMatchObject({ format: 'jpeg' });
    // Not a flat colour: a picture with something on it.
    const { channels } = await sharp(a).stats();
    expect(Math.max(...channels.map((ch) => ch.stdev))).toBeGreaterThan(10);
  });
});
