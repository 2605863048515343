import { z } from 'zod';
import type { TxCtx } from '../context';
import { badInput } from '../errors';
import { newId } from '../ids';
import type { Platform } from '../platform';
import type { EmailTemplate } from './define-template';
import { senderOf } from './delivery';
import { emailChannel } from './email-channel';
import { deliverEmailQueue } from './queues';
import { renderEmail } from './render-email';
import { emailMessages } from './schema';

export interface SendEmailInput<D extends object> {
  /** One recipient's address. */
  to: string;
  template: EmailTemplate<D>;
  /** What the template needs; links are paths on the channel's site (`/reset-password?token=…`). */
  data: NoInfer<D>;
}

const ZRecipient = z.email().max(254);

/**
 * Sends an email as part of the caller's transaction: the message is rendered now, stored in the caller's
 * channel, and an `email.send` job is enqueued in the same transaction, so the email exists (and goes
 * out) only if the business change commits. Returns the message's id. Delivery happens in the job,
 * through SMTP or to the mail catcher, retried with back-off.
 */
export async function sendEmail<D extends object>(
  ctx: TxCtx & { platform: Platform },
  input: SendEmailInput<D>,
): Promise<{ messageId: string }> {
  const to = ZRecipient.safeParse(input.to.trim());
  if (!to.success) throw badInput('to', 'is not an email address');
  const { platform } = ctx;
  const channel = await emailChannel(ctx, platform.config);
  const rendered = await renderEmail(input.template, input.data, channel);
  const id = newId();
  await ctx.db.insert(emailMessages).values({
    id,
    channelId: ctx.channelId,
    template: input.template.name,
    toAddress: to.data,
    fromAddress: senderOf(platform.config, channel.name),
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    secret: input.template.secret,
    status: 'queued',
    createdAt: ctx.clock.now(),
  });
  await platform.jobs.send(deliverEmailQueue, { messageId: id }, { tx: ctx.db });
  return { messageId: id };
}
