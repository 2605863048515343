import { and, asc, count, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { brands, products } from './schema';
import { slugify } from './slug';
import { refusingDuplicates } from './unique-violation';

const slugTaken = () =>
  new AppError('CONFLICT', 'Choose another address: another brand already uses it', { field: 'slug' });

export interface BrandOut {
  id: string;
  slug: string;
  name: string;
  productCount: number;
}

export async function listBrands(ctx: Ctx): Promise<{ brands: BrandOut[] }> {
  const rows = await ctx.db
    .select({ id: brands.id, slug: brands.slug, name: brands.name, productCount: count(products.id) })
    .from(brands)
    .leftJoin(products, and(eq(products.brandId, brands.id), eq(products.channelId, ctx.channelId)))
    .where(eq(brands.channelId, ctx.channelId))
    .groupBy(brands.id)
    .orderBy(asc(brands.name));
  return { brands: rows.map((r) => ({ ...r, productCount: Number(r.productCount) })) };
}

async function findBrandRow(tx: Ctx, id: string) {
  const [row] = await tx.db
    .select()
    .from(brands)
    .where(and(eq(brands.channelId, tx.channelId), eq(brands.id, id)));
  if (!row) throw new AppError('NOT_FOUND', `Brand ${id} not found`, { field: 'id' });
  return row;
}

async function requireFreeSlug(tx: TxCtx, slug: string, exceptId?: string) {
  const [row] = await tx.db
    .select({ id: brands.id })
    .from(brands)
    .where(and(eq(brands.channelId, tx.channelId), eq(brands.slug, slug)));
  if (row && row.id !== exceptId)
    throw new AppError('CONFLICT', `Choose another address: another brand already uses ${slug}`, {
      field: 'slug',
    });
}

const audit = (tx: TxCtx, action: string, id: string, before: object | null, after: object | null) =>
  recordAudit(tx, { action, subjectType: 'brand', subjectId: id, data: { before, after } });

export async function createBrand(ctx: Ctx, input: { name: string; slug?: string }): Promise<BrandOut> {
  return refusingDuplicates(
    () =>
      inTransaction(ctx, async (tx) => {
        const slug = input.slug ?? slugify(input.name);
        await requireFreeSlug(tx, slug);
        const id = newId();
        const now = tx.clock.now();
        await tx.db
          .insert(brands)
          .values({ id, channelId: tx.channelId, slug, name: input.name, createdAt: now, updatedAt: now });
        await audit(tx, 'catalog.brands.create', id, null, { slug, name: input.name });
        return { id, slug, name: input.name, productCount: 0 };
      }),
    { brands_channel_slug_key: slugTaken },
  );
}

/** Renames a brand; its products' search text follows (the brand weighs B in search). */
export async function updateBrand(
  ctx: Ctx,
  input: { id: string; name?: string; slug?: string },
): Promise<{ id: string }> {
  return refusingDuplicates(
    () =>
      inTransaction(ctx, async (tx) => {
        const row = await findBrandRow(tx, input.id);
        const next = { slug: input.slug ?? row.slug, name: input.name ?? row.name };
        if (next.slug === row.slug && next.name === row.name) return { id: row.id };
        if (next.slug !== row.slug) await requireFreeSlug(tx, next.slug, row.id);
        await tx.db
          .update(brands)
          .set({ ...next, updatedAt: tx.clock.now() })
          .where(and(eq(brands.channelId, tx.channelId), eq(brands.id, row.id)));
        if (next.name !== row.name)
          await tx.db
            .update(products)
            .set({ brandName: next.name })
            .where(and(eq(products.channelId, tx.channelId), eq(products.brandId, row.id)));
        await audit(tx, 'catalog.brands.update', row.id, { slug: row.slug, name: row.name }, next);
        return { id: row.id };
      }),
    { brands_channel_slug_key: slugTaken },
  );
}

/** Removes a brand no product carries. */
export async function deleteBrand(ctx: Ctx, input: { id: string }): Promise<{ deleted: true }> {
  return inTransaction(ctx, async (tx) => {
    const row = await findBrandRow(tx, input.id);
    const [used] = await tx.db
      .select({ n: count() })
      .from(products)
      .where(and(eq(products.channelId, tx.channelId), eq(products.brandId, row.id)));
    if (Number(used?.n ?? 0) > 0)
      throw new AppError('CONFLICT', `Move its ${used!.n} products to another brand first`, { field: 'id' });
    await tx.db.delete(brands).where(and(eq(brands.channelId, tx.channelId), eq(brands.id, row.id)));
    await audit(tx, 'catalog.brands.delete', row.id, { slug: row.slug, name: row.name }, null);
    return { deleted: true as const };
  });
}
