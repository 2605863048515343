import { and, eq } from 'drizzle-orm';
import type { PlatformCtx } from '../context';
import { notFound } from '../errors';
import { emailTransport } from './delivery';
import { summaryColumns, toSummary } from './list-mail';
import type { TGetMailRequest, TGetMailResponse } from './mail.types';
import { emailMessages } from './schema';

/**
 * One email of the caller's channel with its HTML and text. A message holding a one-time link is shown
 * only when the catcher is its delivery: once a real provider has it (or SMTP is configured), its link
 * belongs to its recipient alone, and staff reading the log could otherwise take over the account.
 */
export async function getMail(ctx: PlatformCtx, input: TGetMailRequest): Promise<TGetMailResponse> {
  const [row] = await ctx.db
    .select({
      ...summaryColumns,
      providerResponse: emailMessages.providerResponse,
      html: emailMessages.html,
      text: emailMessages.text,
      secret: emailMessages.secret,
      bodyRemovedAt: emailMessages.bodyRemovedAt,
    })
    .from(emailMessages)
    .where(and(eq(emailMessages.id, input.id), eq(emailMessages.channelId, ctx.channelId)));
  if (!row) throw notFound('Email', input.id);
  const { providerResponse, html, text, secret, bodyRemovedAt, ...summary } = row;
  const viaProvider = row.transport === 'smtp' || emailTransport(ctx.platform).kind === 'smtp';
  const withheld = secret && viaProvider;
  const bodyNote = bodyRemovedAt
    ? 'Removed once the mail server accepted it: it held a one-time link that only its recipient may use.'
    : withheld
      ? 'Not shown: it holds a one-time link that only its recipient may use.'
      : null;
  return {
    ...toSummary(summary),
    providerResponse,
    html: withheld ? null : html,
    text: withheld ? null : text,
    bodyNote,
  };
}
