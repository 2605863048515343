import { and, desc, eq, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import type { TProductSummary } from './catalog.types';
import { summarize } from './get-product';
import { type ProductStatus, products, productVariants } from './schema';

export interface ListProductsInput {
  search?: string;
  status?: ProductStatus;
  cursor?: string;
  limit?: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The console's product list, every status, newest first, keyset-paginated on the time-ordered id. A
 * search matches part of the title (trigram index) or a variant's SKU.
 */
export async function listProducts(
  ctx: Ctx,
  input: ListProductsInput,
): Promise<{ products: TProductSummary[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  const where: SQL[] = [eq(products.channelId, ctx.channelId)];
  if (input.status) where.push(eq(products.status, input.status));
  if (input.cursor) where.push(lt(products.id, input.cursor));
  const search = input.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    where.push(
      or(
        ilike(products.title, pattern),
        sql`exists (select 1 from ${productVariants} where ${productVariants.channelId} = ${ctx.channelId} and ${productVariants.productId} = ${products.id} and ${productVariants.sku} ilike ${pattern})`,
      )!,
    );
  }
  const rows = await ctx.db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(desc(products.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    products: await summarize(ctx, page),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
