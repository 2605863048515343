/**
 * The demo shop's vocabulary: a two-level category tree, brands, and per leaf category the words its
 * products are made of, their options and a price range. Combined by a seeded generator (seed-catalog.ts),
 * so every fresh start builds the same believable shop without downloading anything.
 */

export interface LeafSpec {
  name: string;
  nouns: string[];
  materials: string[];
  options: { name: string; values: string[] }[];
  /** Price range in minor units. */
  price: [number, number];
  blurb: string;
}

export const demoTree: { name: string; description: string; children: LeafSpec[] }[] = [
  {
    name: 'Clothing',
    description: 'Everyday pieces made to last, shown live by the people who wear them.',
    children: [
      {
        name: 'T-Shirts',
        nouns: ['Crew Tee', 'Pocket Tee', 'Boxy Tee', 'Long Sleeve Tee', 'Ringer Tee'],
        materials: ['Organic Cotton', 'Supima Cotton', 'Slub Jersey', 'Hemp Blend', 'Pima Cotton'],
        options: [
          { name: 'Size', values: ['XS', 'S', 'M', 'L', 'XL'] },
          { name: 'Colour', values: ['Black', 'White', 'Sage', 'Navy'] },
        ],
        price: [1800, 4500],
        blurb: 'A heavyweight knit that keeps its shape wash after wash, cut with a relaxed shoulder.',
      },
      {
        name: 'Knitwear',
        nouns: ['Crewneck Sweater', 'Cardigan', 'Rollneck', 'Cable Knit Jumper', 'Zip Hoodie'],
        materials: ['Merino Wool', 'Lambswool', 'Cashmere Blend', 'Alpaca', 'Cotton Cable'],
        options: [
          { name: 'Size', values: ['S', 'M', 'L', 'XL'] },
          { name: 'Colour', values: ['Oatmeal', 'Charcoal', 'Forest'] },
        ],
        price: [6500, 18900],
        blurb: 'Knitted on a fine gauge for warmth without bulk, with ribbed cuffs and hem.',
      },
      {
        name: 'Jackets',
        nouns: ['Chore Jacket', 'Puffer', 'Rain Shell', 'Field Jacket', 'Overshirt'],
        materials: ['Waxed Cotton', 'Recycled Nylon', 'Corduroy', 'Ripstop', 'Denim'],
        options: [
          { name: 'Size', values: ['S', 'M', 'L', 'XL'] },
          { name: 'Colour', values: ['Olive', 'Black', 'Tan'] },
        ],
        price: [9800, 32000],
        blurb: 'Built for changeable weather, with deep pockets and a collar that stands up to wind.',
      },
    ],
  },
  {
    name: 'Shoes',
    description: 'Sneakers and boots for walking, standing and everything in between.',
    children: [
      {
        name: 'Sneakers',
        nouns: ['Court Sneaker', 'Runner', 'High Top', 'Slip-On', 'Trail Sneaker'],
        materials: ['Suede', 'Canvas', 'Recycled Knit', 'Full-Grain Leather', 'Mesh'],
        options: [
          { name: 'Size', values: ['38', '39', '40', '41', '42', '43', '44'] },
          { name: 'Colour', values: ['White', 'Grey', 'Black'] },
        ],
        price: [7900, 16500],
        blurb: 'A cushioned footbed and a grippy rubber sole that breaks in from the first day.',
      },
      {
        name: 'Boots',
        nouns: ['Chelsea Boot', 'Hiking Boot', 'Lace-Up Boot', 'Desert Boot', 'Work Boot'],
        materials: ['Leather', 'Nubuck', 'Suede', 'Waxed Leather', 'Vegan Leather'],
        options: [{ name: 'Size', values: ['39', '40', '41', '42', '43', '44', '45'] }],
        price: [12900, 29900],
        blurb: 'Goodyear-welted so it can be resoled, lined for comfort through a long day.',
      },
    ],
  },
  {
    name: 'Home',
    description: 'Things that make a kitchen or a living room work better and look calmer.',
    children: [
      {
        name: 'Kitchen',
        nouns: ['Chef Knife', 'Dutch Oven', 'Pour-Over Set', 'Cutting Board', 'Espresso Cups'],
        materials: ['Carbon Steel', 'Enamelled Cast Iron', 'Borosilicate Glass', 'Olive Wood', 'Stoneware'],
        options: [],
        price: [2400, 24900],
        blurb: 'Chosen by cooks who use it every day; easy to clean and made to outlive trends.',
      },
      {
        name: 'Lighting',
        nouns: ['Table Lamp', 'Floor Lamp', 'Pendant Light', 'Desk Lamp', 'Lantern'],
        materials: ['Brass', 'Paper', 'Opal Glass', 'Rattan', 'Matte Steel'],
        options: [{ name: 'Finish', values: ['Brass', 'Black', 'White'] }],
        price: [4900, 39000],
        blurb: 'A warm, glare-free light with a dimmable bulb included and a cloth-covered cord.',
      },
      {
        name: 'Textiles',
        nouns: ['Throw Blanket', 'Cushion Cover', 'Bath Towel Set', 'Duvet Cover', 'Table Runner'],
        materials: ['Linen', 'Waffle Cotton', 'Wool', 'Bouclé', 'Turkish Cotton'],
        options: [{ name: 'Colour', values: ['Natural', 'Rust', 'Slate', 'Moss'] }],
        price: [2900, 14900],
        blurb: 'Pre-washed for softness, woven densely so it drapes well and wears in, not out.',
      },
    ],
  },
  {
    name: 'Beauty',
    description: 'Short ingredient lists, honest textures, shown on real skin during the shows.',
    children: [
      {
        name: 'Skincare',
        nouns: ['Face Serum', 'Day Cream', 'Cleansing Balm', 'Eye Cream', 'Sunscreen SPF 50'],
        materials: ['Vitamin C', 'Niacinamide', 'Ceramide', 'Squalane', 'Hyaluronic'],
        options: [{ name: 'Size', values: ['30 ml', '50 ml'] }],
        price: [1600, 6900],
        blurb: 'Fragrance-free and gentle enough for every day, in a recyclable airless pump.',
      },
      {
        name: 'Fragrance',
        nouns: ['Eau de Parfum', 'Solid Perfume', 'Room Spray', 'Scented Candle', 'Body Mist'],
        materials: ['Fig', 'Vetiver', 'Neroli', 'Cedar', 'Amber'],
        options: [{ name: 'Size', values: ['10 ml', '50 ml', '100 ml'] }],
        price: [2200, 14500],
        blurb: 'Layered notes that open bright and settle warm, blended in small batches.',
      },
    ],
  },
];

export const demoBrands = [
  'Northwind',
  'Kestrel & Co',
  'Atelier Nine',
  'Harbour Goods',
  'Lumen Studio',
  'Fieldnote',
  'Solace',
  'Marlow',
  'Tidewater',
  'Oakhaven',
  'Brightwell',
  'Juniper Lane',
];

export const demoAdjectives = [
  'Classic',
  'Everyday',
  'Heritage',
  'Essential',
  'Weekend',
  'Studio',
  'Coastal',
  'Urban',
  'Heavyweight',
  'Featherlight',
];

/** A small, fast, seeded generator (mulberry32): the same seed gives the same shop. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
