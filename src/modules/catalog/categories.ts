import { and, asc, count, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import { type Ctx, inTransaction, type TxCtx } from '../../platform/context';
import { queryRows } from '../../platform/db';
import { AppError, badInput } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { categories, productCategories } from './schema';
import { serially } from './serially';
import { slugify } from './slug';
import { refusingDuplicates } from './unique-violation';

const slugTaken = () =>
  new AppError('CONFLICT', 'Choose another address: another category already uses it', { field: 'slug' });

/** A category as the console and the storefront see it: the tree flattened in display order. */
export interface CategoryNode {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  description: string;
  position: number;
  depth: number;
  /** Products directly in this category (the storefront's facet counts include descendants). */
  productCount: number;
}

type CategoryRow = typeof categories.$inferSelect;

const categoryNotFound = (id: string, field = 'id') =>
  new AppError('NOT_FOUND', `Category ${id} not found`, { field });

async function findCategory(ctx: Ctx, id: string, field = 'id'): Promise<CategoryRow> {
  const [row] = await ctx.db
    .select()
    .from(categories)
    .where(and(eq(categories.channelId, ctx.channelId), eq(categories.id, id)));
  if (!row) throw categoryNotFound(id, field);
  return row;
}

/** The ids of a category and everything under it (a recursive walk down the tree, inside the channel). */
export async function categoryWithDescendants(ctx: Ctx, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`with recursive tree as (
          select id from ${categories} where channel_id = ${ctx.channelId} and id = ${id}
          union all
          select c.id from ${categories} c join tree on c.parent_id = tree.id where c.channel_id = ${ctx.channelId}
        ) select id from tree`,
  );
  return rows.map((r) => r.id);
}

/** The whole tree in display order: each parent followed by its children by position. */
export async function listCategories(ctx: Ctx): Promise<{ categories: CategoryNode[] }> {
  const [rows, counts] = await serially([
    () =>
      ctx.db
        .select()
        .from(categories)
        .where(eq(categories.channelId, ctx.channelId))
        .orderBy(asc(categories.position), asc(categories.name)),
    () =>
      ctx.db
        .select({ id: productCategories.categoryId, n: count() })
        .from(productCategories)
        .where(eq(productCategories.channelId, ctx.channelId))
        .groupBy(productCategories.categoryId),
  ]);
  const countOf = new Map(counts.map((c) => [c.id, Number(c.n)]));
  const children = new Map<string | null, CategoryRow[]>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: CategoryNode[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const r of children.get(parentId) ?? []) {
      out.push({
        id: r.id,
        parentId: r.parentId,
        slug: r.slug,
        name: r.name,
        description: r.description,
        position: r.position,
        depth,
        productCount: countOf.get(r.id) ?? 0,
      });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return { categories: out };
}

const siblingsOf = (tx: Ctx, parentId: string | null) =>
  and(
    eq(categories.channelId, tx.channelId),
    parentId ? eq(categories.parentId, parentId) : isNull(categories.parentId),
  );

async function siblingCount(tx: TxCtx, parentId: string | null): Promise<number> {
  const [row] = await tx.db.select({ n: count() }).from(categories).where(siblingsOf(tx, parentId));
  return Number(row?.n ?? 0);
}

async function requireFreeSlug(tx: TxCtx, slug: string, exceptId?: string) {
  const [row] = await tx.db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.channelId, tx.channelId), eq(categories.slug, slug)));
  if (row && row.id !== exceptId)
    throw new AppError('CONFLICT', `Choose another address: another category already uses ${slug}`, {
      field: 'slug',
    });
}

/** Serializes tree edits per channel: two moves at once cannot make a cycle between them. */
const lockTree = (tx: TxCtx) =>
  tx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`catalog.categories:${tx.channelId}`}, 0))`,
  );

const snapshot = (r: CategoryRow) => ({
  parentId: r.parentId,
  slug: r.slug,
  name: r.name,
  description: r.description,
  position: r.position,
});

async function audit(tx: TxCtx, action: string, id: string, before: object | null, after: object | null) {
  await recordAudit(tx, { action, subjectType: 'category', subjectId: id, data: { before, after } });
}

export async function createCategory(
  ctx: Ctx,
  input: { name: string; slug?: string; description?: string; parentId?: string | null },
): Promise<CategoryNode> {
  return refusingDuplicates(
    () =>
      inTransaction(ctx, async (tx) => {
        await lockTree(tx);
        const parentId = input.parentId ?? null;
        if (parentId) await findCategory(tx, parentId, 'parentId');
        const slug = input.slug ?? slugify(input.name);
        await requireFreeSlug(tx, slug);
        const id = newId();
        const now = tx.clock.now();
        const row = {
          id,
          channelId: tx.channelId,
          parentId,
          slug,
          name: input.name,
          description: input.description ?? '',
          position: await siblingCount(tx, parentId),
          createdAt: now,
          updatedAt: now,
        };
        await tx.db.insert(categories).values(row);
        await audit(tx, 'catalog.categories.create', id, null, snapshot(row));
        return { ...row, depth: 0, productCount: 0 };
      }),
    { categories_channel_slug_key: slugTaken },
  );
}

export async function updateCategory(
  ctx: Ctx,
  input: { id: string; name?: string; slug?: string; description?: string },
): Promise<{ id: string }> {
  return refusingDuplicates(
    () =>
      inTransaction(ctx, async (tx) => {
        const row = await findCategory(tx, input.id);
        if (input.slug !== undefined && input.slug !== row.slug)
          await requireFreeSlug(tx, input.slug, row.id);
        const next = {
          ...row,
          name: input.name ?? row.name,
          slug: input.slug ?? row.slug,
          description: input.description ?? row.description,
        };
        if (JSON.stringify(snapshot(next)) === JSON.stringify(snapshot(row))) return { id: row.id };
        await tx.db
          .update(categories)
          .set({ name: next.name, slug: next.slug, description: next.description, updatedAt: tx.clock.now() })
          .where(and(eq(categories.channelId, tx.channelId), eq(categories.id, row.id)));
        await audit(tx, 'catalog.categories.update', row.id, snapshot(row), snapshot(next));
        return { id: row.id };
      }),
    { categories_channel_slug_key: slugTaken },
  );
}

/**
 * Moves a category under another parent (or to the top, null) at a position among its new siblings
 * (clamped to the end), shifting the others. A category cannot move under itself or its own descendants.
 */
export async function moveCategory(
  ctx: Ctx,
  input: { id: string; parentId: string | null; position: number },
): Promise<{ categories: CategoryNode[] }> {
  await inTransaction(ctx, async (tx) => {
    await lockTree(tx);
    const row = await findCategory(tx, input.id);
    const parentId = input.parentId;
    if (parentId) {
      await findCategory(tx, parentId, 'parentId');
      if ((await categoryWithDescendants(tx, row.id)).includes(parentId))
        throw badInput(
          'parentId',
          parentId === row.id
            ? 'Choose another parent: a category cannot sit inside itself'
            : 'Choose another parent: that one sits inside this category, which would make a loop',
        );
    }
    const scope = (p: string | null) => siblingsOf(tx, p);
    // Close the gap where it was...
    await tx.db
      .update(categories)
      .set({ position: sql`${categories.position} - 1` })
      .where(and(scope(row.parentId), gt(categories.position, row.position)));
    // ...and open one where it goes.
    const count = (await siblingCount(tx, parentId)) - (row.parentId === parentId ? 1 : 0);
    const position = Math.min(input.position, count);
    await tx.db
      .update(categories)
      .set({ position: sql`${categories.position} + 1` })
      .where(and(scope(parentId), gte(categories.position, position), sql`${categories.id} <> ${row.id}`));
    await tx.db
      .update(categories)
      .set({ parentId, position, updatedAt: tx.clock.now() })
      .where(and(eq(categories.channelId, tx.channelId), eq(categories.id, row.id)));
    if (row.parentId !== parentId || row.position !== position)
      await audit(
        tx,
        'catalog.categories.move',
        row.id,
        { parentId: row.parentId, position: row.position },
        { parentId, position },
      );
  });
  return listCategories(ctx);
}

/** Removes an empty category (no subcategories); its products simply leave it. */
export async function deleteCategory(ctx: Ctx, input: { id: string }): Promise<{ deleted: true }> {
  return inTransaction(ctx, async (tx) => {
    await lockTree(tx);
    const row = await findCategory(tx, input.id);
    const [child] = await tx.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.channelId, tx.channelId), eq(categories.parentId, row.id)))
      .limit(1);
    if (child) throw new AppError('CONFLICT', 'Move or delete its subcategories first', { field: 'id' });
    await tx.db
      .delete(productCategories)
      .where(and(eq(productCategories.channelId, tx.channelId), eq(productCategories.categoryId, row.id)));
    await tx.db
      .delete(categories)
      .where(and(eq(categories.channelId, tx.channelId), eq(categories.id, row.id)));
    await tx.db
      .update(categories)
      .set({ position: sql`${categories.position} - 1` })
      .where(and(siblingsOf(tx, row.parentId), gt(categories.position, row.position)));
    await audit(tx, 'catalog.categories.delete', row.id, snapshot(row), null);
    return { deleted: true as const };
  });
}
