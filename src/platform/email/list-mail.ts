import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { TListMailRequest, TListMailResponse, TMailSummary } from './mail.types';
import { emailMessages } from './schema';

const DEFAULT_LIMIT = 50;

/** The columns a list row shows (no bodies: a page of fifty stays small). */
export const summaryColumns = {
  id: emailMessages.id,
  template: emailMessages.template,
  to: emailMessages.toAddress,
  from: emailMessages.fromAddress,
  subject: emailMessages.subject,
  status: emailMessages.status,
  transport: emailMessages.transport,
  attempts: emailMessages.attempts,
  lastError: emailMessages.lastError,
  providerMessageId: emailMessages.providerMessageId,
  createdAt: emailMessages.createdAt,
  sentAt: emailMessages.sentAt,
};

interface SummaryRow extends Omit<TMailSummary, 'status' | 'transport' | 'createdAt' | 'sentAt'> {
  status: string;
  transport: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const toSummary = (r: SummaryRow): TMailSummary => ({
  ...r,
  status: r.status as TMailSummary['status'],
  transport: r.transport as TMailSummary['transport'],
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
});

/** `%`, `_` and `\` match themselves in a search. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The channel's emails, newest first, keyset-paginated on the time-ordered id so pages never shift while
 * new mail arrives. `search` matches part of the recipient or the subject, any case.
 */
export async function listMail(ctx: Ctx, input: TListMailRequest): Promise<TListMailResponse> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const where: SQL[] = [eq(emailMessages.channelId, ctx.channelId)];
  const search = input.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    where.push(or(ilike(emailMessages.toAddress, pattern), ilike(emailMessages.subject, pattern))!);
  }
  if (input.cursor) where.push(lt(emailMessages.id, input.cursor));
  const rows = await ctx.db
    .select(summaryColumns)
    .from(emailMessages)
    .where(and(...where))
    .orderBy(desc(emailMessages.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    messages: page.map(toSummary),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
