import { eq } from 'drizzle-orm';
import { channels } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { type CurrencyCode, isCurrencyCode } from '../../platform/money';

/** The currency every price in the channel's catalog is in. */
export async function channelCurrency(ctx: Ctx): Promise<CurrencyCode> {
  const [row] = await ctx.db
    .select({ currency: channels.defaultCurrency })
    .from(channels)
    .where(eq(channels.id, ctx.channelId));
  if (!row) throw notFound('Channel', ctx.channelId);
  if (!isCurrencyCode(row.currency)) throw new TypeError(`channel currency ${row.currency} is not ISO 4217`);
  return row.currency;
}
