import { type MediaDescriptor, pictureOf } from '../../../src/platform/media/descriptor';
import { cx } from './cx';

/**
 * A picture from the media pipeline: AVIF, then WebP, then JPEG, each as a `srcset` the browser picks a
 * width from by `sizes` (the slot's width: `sizesOf([['(min-width: 1024px)', '33vw'], '100vw'])`).
 * Width and height are given so the page does not move when it arrives; the blurred placeholder is the
 * background until then. Lazy and decoded off the main thread, except `priority` images (the first
 * product photo: the page's largest paint), which load at once with high priority.
 */
export function ResponsiveImage({
  image,
  alt,
  sizes,
  priority = false,
  className,
}: {
  image: Pick<MediaDescriptor, 'sources' | 'width' | 'height' | 'placeholder'>;
  /** What the picture shows, for people who cannot see it ("" when it only decorates). */
  alt: string;
  sizes: string;
  priority?: boolean;
  className?: string;
}) {
  const { sources, img } = pictureOf(image);
  if (!img) return null;
  return (
    <picture>
      {sources.map((s) => (
        <source key={s.type} type={s.type} srcSet={s.srcSet} sizes={sizes} />
      ))}
      <img
        src={img.src}
        srcSet={img.srcSet}
        sizes={sizes}
        alt={alt}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        loading={priority ? 'eager' : 'lazy'}
        decoding="async"
        fetchPriority={priority ? 'high' : undefined}
        className={cx('h-auto max-w-full bg-cover bg-center', className)}
        style={image.placeholder ? { backgroundImage: `url("${image.placeholder}")` } : undefined}
      />
    </picture>
  );
}
