import { z } from 'zod';
import { ZMoneyOut } from '../../../platform/money';
import { ZSlug } from '../catalog.types';

export const ZStorefrontProductRequestSchema = z.strictObject({ slug: ZSlug });

const ZNamed = z.object({ slug: z.string(), name: z.string() });

export const ZStorefrontProductResponseSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  brand: ZNamed.nullable(),
  /** Each category with the path from the top of the tree down to it (breadcrumbs). */
  categories: z.array(ZNamed.extend({ path: z.array(ZNamed) })),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  /** The combinations that exist, each with the price a shopper pays. */
  variants: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      options: z.record(z.string(), z.string()),
      price: ZMoneyOut,
    }),
  ),
  attributes: z.array(z.object({ key: z.string(), value: z.string() })),
  image: z.object({ src: z.string(), alt: z.string() }).nullable(),
});

export type TStorefrontProductRequest = z.infer<typeof ZStorefrontProductRequestSchema>;
export type TStorefrontProductResponse = z.infer<typeof ZStorefrontProductResponseSchema>;
