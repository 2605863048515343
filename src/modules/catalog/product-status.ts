import { AppError } from '../../platform/errors';
import type { ProductStatus } from './schema';

/**
 * Which status a product may move to from each status. Published needs a priced variant (checked by the
 * move itself); archived products come back as drafts before they are published again.
 */
export const statusMoves: Readonly<Record<ProductStatus, readonly ProductStatus[]>> = {
  draft: ['published', 'archived'],
  published: ['draft', 'archived'],
  archived: ['draft'],
};

export function checkStatusMove(from: ProductStatus, to: ProductStatus, what: string): void {
  if (from === to) return;
  if (!statusMoves[from].includes(to))
    throw new AppError('ILLEGAL_TRANSITION', `${what} is ${from}; it cannot become ${to} from there`, {
      field: 'status',
      details: { from, to, allowed: statusMoves[from] },
    });
}
