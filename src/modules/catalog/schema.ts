import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  char,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { channels } from '../../platform/access';
import { moneyColumns } from '../../platform/money';

/**
 * The catalog's tables. Every row belongs to one channel (`channel_id`), and every query filters by it;
 * ids, slugs and SKUs are unique per channel, never across channels.
 */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const channelId = () =>
  uuid('channel_id')
    .notNull()
    .references(() => channels.id);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull();

export const productStatuses = ['draft', 'published', 'archived'] as const;
export type ProductStatus = (typeof productStatuses)[number];

export const brands = pgTable(
  'brands',
  {
    id: uuid('id').primaryKey(),
    channelId: channelId(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('brands_channel_slug_key').on(t.channelId, t.slug)],
);

/** A tree: `parent_id` null at the top, siblings ordered by `position` (0, 1, 2...). */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey(),
    channelId: channelId(),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('categories_channel_slug_key').on(t.channelId, t.slug),
    index('categories_channel_parent_idx').on(t.channelId, t.parentId, t.position),
  ],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    channelId: channelId(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    brandId: uuid('brand_id').references(() => brands.id),
    /** The brand's name, kept beside the product so the search column can weigh it (B). */
    brandName: text('brand_name'),
    status: text('status').$type<ProductStatus>().notNull().default('draft'),
    /** The lowest and highest variant price (minor units, channel currency): listing filters and sort. */
    minPriceAmount: bigint('min_price_amount', { mode: 'bigint' }),
    maxPriceAmount: bigint('max_price_amount', { mode: 'bigint' }),
    currency: char('currency', { length: 3 }).notNull(),
    /** Title A, brand B, description C: how search ranks a hit. */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('english', coalesce(${products.title}, '')), 'A') || setweight(to_tsvector('english', coalesce(${products.brandName}, '')), 'B') || setweight(to_tsvector('english', coalesce(${products.description}, '')), 'C')`,
    ),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('products_channel_slug_key').on(t.channelId, t.slug),
    check('products_status_check', sql`${t.status} in ('draft', 'published', 'archived')`),
    check(
      'products_published_priced_check',
      sql`${t.status} <> 'published' or (${t.minPriceAmount} is not null and ${t.publishedAt} is not null)`,
    ),
    // The storefront's sorts, each a keyset over published products of a channel.
    index('products_newest_idx').on(t.channelId, t.status, t.publishedAt.desc(), t.id.desc()),
    index('products_price_idx').on(t.channelId, t.status, t.minPriceAmount, t.id),
    index('products_name_idx').on(t.channelId, t.status, sql`lower(${t.title})`, t.id),
    index('products_brand_idx').on(t.channelId, t.brandId),
    index('products_search_idx').using('gin', t.searchVector),
    index('products_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

/** A product's options (Size, Colour) with their values in the order shoppers see them. */
export const productOptions = pgTable(
  'product_options',
  {
    id: uuid('id').primaryKey(),
    channelId: channelId(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    values: text('values').array().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('product_options_product_name_key').on(t.productId, t.name)],
);

/** One sellable combination of a product's options: its own SKU, barcode and price. */
export const productVariants = pgTable(
  'product_variants',
  {
    id: uuid('id').primaryKey(),
    channelId: channelId(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    barcode: text('barcode'),
    /** Option name → value, e.g. {"Size": "M", "Colour": "Black"}; {} for a product without options. */
    options: jsonb('options').$type<Record<string, string>>().notNull(),
    ...moneyColumns('price'),
    position: integer('position').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('product_variants_channel_sku_key').on(t.channelId, t.sku),
    uniqueIndex('product_variants_product_options_key').on(t.productId, t.options),
    index('product_variants_product_idx').on(t.productId, t.position),
  ],
);

export const productCategories = pgTable(
  'product_categories',
  {
    channelId: channelId(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.categoryId] }),
    index('product_categories_category_idx').on(t.channelId, t.categoryId, t.productId),
  ],
);

/** Free key/value facts about a product (material: wool), for filters and "similar" later. */
export const productAttributes = pgTable(
  'product_attributes',
  {
    channelId: channelId(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.key] }),
    index('product_attributes_key_value_idx').on(t.channelId, t.key, t.value),
  ],
);
