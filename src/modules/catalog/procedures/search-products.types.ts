import { z } from 'zod';
import { ZMoneyOut } from '../../../platform/money';
import { ZSlug } from '../catalog.types';

const LISTING_MAX = 48;

const ZMinorUnitsFilter = z
  .string()
  .max(15)
  .regex(/^(0|[1-9][0-9]*)$/, 'Enter a price of zero or more in minor units, such as "2500" for 25.00');

export const ZSearchProductsRequestSchema = z.strictObject({
  q: z.string().max(200).optional().describe('Search words; a typo of a title word still finds it'),
  category: ZSlug.optional().describe('A category address: its products and those of its subcategories'),
  brand: z
    .string()
    .max(500)
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*(?:,[a-z0-9]+(?:-[a-z0-9]+)*)*$/,
      'List brand addresses separated by commas',
    )
    .optional()
    .describe('Brand addresses, comma separated: products of any of them'),
  priceMin: ZMinorUnitsFilter.optional().describe('Lowest "from" price, in minor units'),
  priceMax: ZMinorUnitsFilter.optional().describe('Highest "from" price, in minor units'),
  sort: z
    .enum(['relevance', 'price_asc', 'price_desc', 'name', 'newest'])
    .optional()
    .describe('Default: relevance with a search, else newest'),
  cursor: z.string().max(500).optional().describe('nextCursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(LISTING_MAX).optional(),
});

const ZCard = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  brand: z.object({ slug: z.string(), name: z.string() }).nullable(),
  /** The lowest price a shopper pays ("from"). */
  price: ZMoneyOut,
  maxPrice: ZMoneyOut,
  /** Filled by the media port once it exists; null shows a placeholder. */
  image: z.object({ src: z.string(), alt: z.string() }).nullable(),
});

export const ZSearchProductsResponseSchema = z.object({
  products: z.array(ZCard),
  nextCursor: z.string().nullable(),
  /** Products matching every filter (first page only). */
  total: z.number().int().nullable(),
  /** Counts per filter value with the other filters applied (first page only). */
  facets: z
    .object({
      categories: z.array(
        z.object({
          slug: z.string(),
          name: z.string(),
          parentSlug: z.string().nullable(),
          depth: z.number().int(),
          count: z.number().int(),
        }),
      ),
      brands: z.array(z.object({ slug: z.string(), name: z.string(), count: z.number().int() })),
      price: z.object({ min: ZMoneyOut, max: ZMoneyOut }).nullable(),
    })
    .nullable(),
});

export type TSearchProductsRequest = z.infer<typeof ZSearchProductsRequestSchema>;
export type TSearchProductsResponse = z.infer<typeof ZSearchProductsResponseSchema>;
