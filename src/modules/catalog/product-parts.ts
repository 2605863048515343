import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import { canonicalJson } from '../../platform/canonical-json';
import type { TxCtx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { TProductDetail } from './catalog.types';
import { brands, categories, productAttributes, productCategories, products } from './schema';
import { slugify } from './slug';

/** The brand a product points at, in this channel; a 404 naming `brandId` otherwise. */
export async function findBrand(tx: TxCtx, brandId: string): Promise<{ id: string; name: string }> {
  const [brand] = await tx.db
    .select({ id: brands.id, name: brands.name })
    .from(brands)
    .where(and(eq(brands.channelId, tx.channelId), eq(brands.id, brandId)));
  if (!brand) throw new AppError('NOT_FOUND', `Brand ${brandId} not found`, { field: 'brandId' });
  return brand;
}

/** Replaces the product's categories; each must be one of this channel's (a 404 naming it otherwise). */
export async function setProductCategories(
  tx: TxCtx,
  productId: string,
  categoryIds: string[],
): Promise<void> {
  const ids = [...new Set(categoryIds)];
  if (ids.length) {
    const found = await tx.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.channelId, tx.channelId), inArray(categories.id, ids)));
    const known = new Set(found.map((c) => c.id));
    const missing = categoryIds.findIndex((id) => !known.has(id));
    if (missing >= 0)
      throw new AppError('NOT_FOUND', `Category ${categoryIds[missing]} not found`, {
        field: `categoryIds.${missing}`,
      });
  }
  await tx.db
    .delete(productCategories)
    .where(and(eq(productCategories.channelId, tx.channelId), eq(productCategories.productId, productId)));
  if (ids.length)
    await tx.db
      .insert(productCategories)
      .values(ids.map((categoryId) => ({ channelId: tx.channelId, productId, categoryId })));
}

export async function setProductAttributes(
  tx: TxCtx,
  productId: string,
  attributes: { key: string; value: string }[],
): Promise<void> {
  const seen = new Map<string, number>();
  attributes.forEach((a, i) => {
    const k = a.key.toLowerCase();
    if (seen.has(k))
      throw new AppError('VALIDATION', `attributes.${i}.key: Use another key: ${a.key} is listed twice`, {
        field: `attributes.${i}.key`,
      });
    seen.set(k, i);
  });
  await tx.db
    .delete(productAttributes)
    .where(and(eq(productAttributes.channelId, tx.channelId), eq(productAttributes.productId, productId)));
  if (attributes.length)
    await tx.db
      .insert(productAttributes)
      .values(attributes.map((a) => ({ channelId: tx.channelId, productId, key: a.key, value: a.value })));
}

/** A free slug for a new product: the title's, with -2, -3... when taken in this channel. */
export async function freeProductSlug(tx: TxCtx, title: string): Promise<string> {
  const base = slugify(title);
  // Two products with one title created at once would both pick the same free slug: take turns.
  await tx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`catalog.products.slug:${tx.channelId}:${base}`}, 0))`,
  );
  const taken = await tx.db
    .select({ slug: products.slug })
    .from(products)
    .where(
      and(
        eq(products.channelId, tx.channelId),
        or(eq(products.slug, base), like(products.slug, `${base}-%`)),
      ),
    );
  const used = new Set(taken.map((t) => t.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const slugTaken = (what: string, slug: string) => () =>
  new AppError('CONFLICT', `Choose another address: another ${what} already uses ${slug}`, { field: 'slug' });

export async function requireFreeProductSlug(tx: TxCtx, slug: string, exceptId?: string): Promise<void> {
  const [row] = await tx.db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.channelId, tx.channelId), eq(products.slug, slug)));
  if (row && row.id !== exceptId)
    throw new AppError('CONFLICT', `Choose another address: another product already uses ${slug}`, {
      field: 'slug',
    });
}

const auditable = (p: TProductDetail) => {
  const { updatedAt: _u, variantCount: _v, ...rest } = p;
  return rest as Record<string, unknown>;
};

/** Only what changed, before and after: what the audit entry of an edit keeps. */
export function changedFields(before: TProductDetail, after: TProductDetail) {
  const a = auditable(before);
  const b = auditable(after);
  const out: { before: Record<string, unknown>; after: Record<string, unknown> } = { before: {}, after: {} };
  for (const key of Object.keys(b))
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) {
      out.before[key] = a[key];
      out.after[key] = b[key];
    }
  return out;
}

export async function auditProduct(
  tx: TxCtx,
  action: string,
  productId: string,
  before: TProductDetail | null,
  after: TProductDetail | null,
): Promise<void> {
  const data =
    before && after
      ? changedFields(before, after)
      : { before: before && auditable(before), after: after && auditable(after) };
  await recordAudit(tx, { action, subjectType: 'product', subjectId: productId, data });
}
