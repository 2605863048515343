/**
 * The product's picture. Until the media port (another change) stores images, `image` is null and a
 * placeholder with the product's initials keeps the layout; once it exists, the same slot shows the image.
 */
export function ProductImage({
  image,
  title,
  large = false,
}: {
  image: { src: string; alt: string } | null;
  title: string;
  large?: boolean;
}) {
  if (image)
    return (
      <img
        src={image.src}
        alt={image.alt}
        className="aspect-square w-full rounded-card object-cover"
        loading={large ? 'eager' : 'lazy'}
      />
    );
  const initials = title
    .split(/\s+/)
    .filter(Boolean)
    .slice(-2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <div
      role="img"
      aria-label={`No picture of ${title} yet`}
      className={`grid aspect-square w-full place-items-center rounded-card border border-line bg-gradient-to-br from-surface-raised to-surface font-black text-ink-faint ${large ? 'text-[4rem]' : 'text-headline'}`}
    >
      {initials}
    </div>
  );
}
