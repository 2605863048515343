import sharp from 'sharp';

/**
 * Believable product pictures made on the spot, for demo catalogs: no downloads, the same picture for the
 * same seed on every machine. An SVG composed from a seeded PRNG (a soft gradient backdrop from one of a
 * few palettes, a floor shadow, one product silhouette among several, the product's initials on it),
 * rendered by sharp. About 10 ms for 1200 × 1200.
 */
export interface DemoImageOptions {
  /** Anything: the product's slug or id. The same seed gives the same picture. */
  seed: string;
  /** Drawn on the product (its first letters); default none. */
  label?: string;
  width?: number;
  height?: number;
  format?: 'png' | 'jpeg';
}

const PALETTES = [
  ['#f4efe6', '#e3d5c0', '#8c5a3c', '#2f2a26'],
  ['#eef3f7', '#cddbe6', '#2f6690', '#16324f'],
  ['#f6eef0', '#e8cfd6', '#b24c63', '#3d1f28'],
  ['#eef5ee', '#cfe3d0', '#3f7d58', '#1d3527'],
  ['#f7f3e8', '#ece0b8', '#c99a2e', '#3b3115'],
  ['#f1eef7', '#d9d1ea', '#6b4fa0', '#2a2040'],
  ['#f2f2f2', '#dcdcdc', '#444444', '#111111'],
] as const;

/** mulberry32 over a 32-bit FNV-1a hash of the seed. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * Product silhouettes in a 100 × 100 box centred on (50, 50); `a` is the accent colour. Each with the
 * height its label sits at.
 */
type Shape = readonly [draw: (main: string, accent: string) => string, labelY: number];
const SHAPES: ReadonlyArray<Shape> = [
  // bottle
  [
    (m, a) =>
      `<rect x="40" y="8" width="20" height="14" rx="3" fill="${a}"/><path d="M38 22h24v10c8 4 12 10 12 18v38a6 6 0 0 1-6 6H32a6 6 0 0 1-6-6V50c0-8 4-14 12-18z" fill="${m}"/><rect x="30" y="52" width="40" height="22" rx="2" fill="${a}" opacity=".85"/>`,
    66,
  ],
  // mug
  [
    (m, a) =>
      `<path d="M70 38h8a12 12 0 0 1 0 24h-8" fill="none" stroke="${m}" stroke-width="7"/><rect x="20" y="28" width="52" height="62" rx="8" fill="${m}"/><rect x="20" y="44" width="52" height="10" fill="${a}"/>`,
    74,
  ],
  // tote bag
  [
    (m, a) =>
      `<path d="M36 36c0-22 28-22 28 0" fill="none" stroke="${a}" stroke-width="5"/><path d="M18 36h64l-6 58H24z" fill="${m}"/><rect x="22" y="88" width="56" height="4" fill="${a}"/>`,
    82,
  ],
  // sneaker
  [
    (m, a) =>
      `<path d="M10 70c0-14 6-26 14-30l12 8c8 6 18 8 30 10 14 2 24 6 24 14v6H10z" fill="${m}"/><rect x="10" y="76" width="80" height="8" rx="3" fill="${a}"/><path d="M36 48l6 10M44 50l6 10M52 52l6 10" stroke="${a}" stroke-width="3"/>`,
    0,
  ],
  // jar
  [
    (m, a) =>
      `<rect x="30" y="18" width="40" height="12" rx="3" fill="${a}"/><rect x="24" y="30" width="52" height="62" rx="12" fill="${m}"/><rect x="30" y="50" width="40" height="20" rx="3" fill="${a}" opacity=".8"/>`,
    74,
  ],
  // lamp
  [
    (m, a) =>
      `<path d="M30 14h40l12 34H18z" fill="${m}"/><rect x="47" y="48" width="6" height="36" fill="${a}"/><rect x="30" y="84" width="40" height="8" rx="4" fill="${m}"/>`,
    38,
  ],
  // box
  [
    (m, a) =>
      `<path d="M50 12l38 18v44L50 92 12 74V30z" fill="${m}"/><path d="M12 30l38 18 38-18M50 48v44" fill="none" stroke="${a}" stroke-width="3"/>`,
    66,
  ],
];

export function demoImageSvg(opts: DemoImageOptions): string {
  const width = opts.width ?? 1200;
  const height = opts.height ?? 1200;
  const rnd = seededRandom(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const [light, soft, main, dark] = pick(PALETTES);
  const [shape, labelY] = pick(SHAPES);
  const angle = Math.round(rnd() * 360);
  const scale = (Math.min(width, height) / 100) * (0.55 + rnd() * 0.15);
  const cx = width / 2 + (rnd() - 0.5) * width * 0.08;
  const cy = height / 2 + (rnd() - 0.5) * height * 0.04;
  const tilt = Math.round((rnd() - 0.5) * 16);
  const label = opts.label ? escapeXml(opts.label.slice(0, 3).toUpperCase()) : '';
  const accent = rnd() < 0.5 ? dark : light;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs>
<linearGradient id="bg" gradientTransform="rotate(${angle} .5 .5)"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${soft}"/></linearGradient>
<radialGradient id="shadow"><stop offset="0" stop-color="${dark}" stop-opacity=".35"/><stop offset="1" stop-color="${dark}" stop-opacity="0"/></radialGradient>
</defs>
<rect width="100%" height="100%" fill="url(#bg)"/>
<circle cx="${Math.round(rnd() * width)}" cy="${Math.round(rnd() * height * 0.5)}" r="${Math.round(Math.min(width, height) * (0.2 + rnd() * 0.2))}" fill="${soft}" opacity=".6"/>
<ellipse cx="${cx}" cy="${cy + scale * 46}" rx="${scale * 40}" ry="${scale * 7}" fill="url(#shadow)"/>
<g transform="translate(${cx - scale * 50} ${cy - scale * 50}) scale(${scale}) rotate(${tilt} 50 50)">${shape(main, accent)}${
    label && labelY
      ? `<text x="50" y="${labelY}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="14" fill="${light}">${label}</text>`
      : ''
  }</g>
</svg>`;
}

/** The picture as PNG (default) or JPEG bytes, ready for the media pipeline. */
export async function demoProductImage(opts: DemoImageOptions): Promise<Buffer> {
  const image = sharp(Buffer.from(demoImageSvg(opts)));
  return opts.format === 'jpeg'
    ? image.jpeg({ quality: 88 }).toBuffer()
    : image.png({ compressionLevel: 4 }).toBuffer();
}
