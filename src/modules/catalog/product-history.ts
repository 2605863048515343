import { listAuditEntries, type TListAuditResponse } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { findProductRow } from './get-product';

/** Who changed what on one product, newest first: its audit entries (readable with catalog.read). */
export async function productHistory(
  ctx: Ctx,
  input: { id: string; cursor?: string; limit?: number },
): Promise<TListAuditResponse> {
  await findProductRow(ctx, input.id);
  return listAuditEntries(ctx, {
    subjectType: 'product',
    subjectId: input.id,
    cursor: input.cursor,
    limit: input.limit ?? 20,
  });
}
