import { z } from 'zod';
import { ZMoney, ZMoneyOut } from '../../platform/money';
import { productStatuses } from './schema';
import { SLUG_MAX, SLUG_RE } from './slug';

/** Wire shapes shared by the catalog's procedures. */

export const ZSlug = z
  .string()
  .min(1)
  .max(SLUG_MAX)
  .regex(SLUG_RE, 'Use lower-case letters, digits and single dashes, like "linen-shirt"');

export const ZProductStatus = z.enum(productStatuses);

export const ZOptionInput = z.strictObject({
  name: z.string().trim().min(1).max(40),
  values: z.array(z.string().trim().min(1).max(40)).min(1).max(50),
});

export const ZVariantInput = z.strictObject({
  /** An existing variant to keep (its id), or none for a new one. */
  id: z.uuid().optional(),
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'Use letters, digits, dots, dashes, underscores and slashes'),
  barcode: z
    .string()
    .trim()
    .max(32)
    .regex(/^[0-9A-Za-z-]*$/, 'Use digits, letters and dashes')
    .nullable()
    .optional(),
  price: ZMoney,
  /** Option name → value, one for each of the product's options. */
  options: z.record(z.string().max(40), z.string().max(40)),
});

export const ZAttributeInput = z.strictObject({
  key: z.string().trim().min(1).max(60),
  value: z.string().trim().min(1).max(200),
});

const ZRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const ZVariantOut = z.object({
  id: z.string(),
  sku: z.string(),
  barcode: z.string().nullable(),
  price: ZMoneyOut,
  options: z.record(z.string(), z.string()),
  position: z.number().int(),
});

export const ZOptionOut = z.object({ name: z.string(), values: z.array(z.string()) });

export const ZProductSummaryOut = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  status: ZProductStatus,
  brand: ZRef.nullable(),
  /** Lowest and highest variant price; null until the product has a variant. */
  minPrice: ZMoneyOut.nullable(),
  maxPrice: ZMoneyOut.nullable(),
  variantCount: z.number().int(),
  updatedAt: z.string(),
});

export const ZProductDetailOut = ZProductSummaryOut.extend({
  description: z.string(),
  categories: z.array(ZRef),
  options: z.array(ZOptionOut),
  variants: z.array(ZVariantOut),
  attributes: z.array(z.object({ key: z.string(), value: z.string() })),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});

export type TProductSummary = z.infer<typeof ZProductSummaryOut>;
export type TProductDetail = z.infer<typeof ZProductDetailOut>;
export type TOptionInput = z.infer<typeof ZOptionInput>;
export type TVariantInput = z.infer<typeof ZVariantInput>;
