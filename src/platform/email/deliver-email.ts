import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { inTransaction } from '../context';
import { isUuid } from '../ids';
import type { JobContext } from '../jobs';
import { emailTransport } from './delivery';
import { emailMessages } from './schema';
import { type DeliveryReceipt, messageIdHeader } from './transport';

/**
 * How long an attempt owns a message it is sending. Longer than any one SMTP attempt can take (its
 * timeouts) and than the job's expiry, so a retry that pg-boss starts while a slow attempt is still
 * talking to the server waits instead of sending a second copy.
 */
export const SENDING_LEASE_MS = 10 * 60_000;

export interface DeliverEmailJob {
  /** The stored message: job data never carries the email itself (the jobs console shows job data). */
  messageId: string;
}

export type DeliverEmailResult =
  | { sent: string; transport: 'catcher' | 'smtp'; providerMessageId: string }
  | { skipped: string };

/**
 * The `email.send` job: safe to run twice. The message is claimed (queued or failed → sending, with a
 * lease) in one statement that commits before anything goes out, so of two runs only one sends; a run
 * that finds the message sent does nothing. The send itself happens outside any transaction. A failure
 * records the provider's answer and throws, so pg-boss retries with back-off.
 *
 * The one window left: a process that dies after the provider accepted the message but before `sent`
 * committed. The next attempt waits for the lease to end, then sends again with the same Message-ID.
 */
export async function deliverEmail(ctx: JobContext, job: DeliverEmailJob): Promise<DeliverEmailResult> {
  if (!isUuid(job.messageId)) return { skipped: 'not a message id' };
  const now = ctx.clock.now();
  const [message] = await inTransaction(ctx, (tx) =>
    tx.db
      .update(emailMessages)
      .set({
        status: 'sending',
        attempts: sql`${emailMessages.attempts} + 1`,
        leaseUntil: new Date(now.getTime() + SENDING_LEASE_MS),
      })
      .where(
        and(
          eq(emailMessages.id, job.messageId),
          or(
            inArray(emailMessages.status, ['queued', 'failed']),
            and(eq(emailMessages.status, 'sending'), lt(emailMessages.leaseUntil, now)),
          ),
        ),
      )
      .returning(),
  );
  if (!message) {
    const [current] = await ctx.db
      .select({ status: emailMessages.status })
      .from(emailMessages)
      .where(eq(emailMessages.id, job.messageId));
    if (!current) return { skipped: 'the message no longer exists' };
    if (current.status === 'sent') return { skipped: 'already sent' };
    // Another attempt holds the lease: let pg-boss come back after it has finished or given up.
    throw new Error('Another attempt is sending this message; trying again later');
  }

  const transport = emailTransport(ctx.platform);
  let receipt: DeliveryReceipt;
  try {
    receipt = await transport.send({
      id: message.id,
      messageIdHeader: messageIdHeader(message.id, message.fromAddress),
      from: message.fromAddress,
      to: message.toAddress,
      subject: message.subject,
      // Only a sent message loses its body, and a sent message is never claimed.
      html: message.html ?? '',
      text: message.text ?? '',
    });
  } catch (err) {
    const reason = describeFailure(err);
    await inTransaction(ctx, (tx) =>
      tx.db
        .update(emailMessages)
        .set({ status: 'failed', transport: transport.kind, lastError: reason, leaseUntil: null })
        .where(and(eq(emailMessages.id, message.id), eq(emailMessages.status, 'sending'))),
    );
    throw new Error(`Email ${message.id} was not accepted: ${reason}`, { cause: err });
  }

  // Accepted. Should this update fail, the message stays `sending` under its lease and is not sent again
  // before the lease ends.
  // A one-time link is not kept once a real provider has it: staff who read the log must not be able to
  // use it (the token table keeps only hashes for the same reason). The catcher is the delivery, so there
  // the body stays.
  const removeBody = message.secret && transport.kind !== 'catcher';
  const sentAt = ctx.clock.now();
  await inTransaction(ctx, (tx) =>
    tx.db
      .update(emailMessages)
      .set({
        status: 'sent',
        transport: transport.kind,
        sentAt,
        providerMessageId: receipt.providerMessageId.slice(0, 500),
        providerResponse: receipt.response.slice(0, 1_000),
        lastError: null,
        leaseUntil: null,
        ...(removeBody ? { html: null, text: null, bodyRemovedAt: sentAt } : {}),
      })
      .where(eq(emailMessages.id, message.id)),
  );
  return { sent: message.id, transport: transport.kind, providerMessageId: receipt.providerMessageId };
}

/** The provider's own words when it answered (`451 4.3.0 Try again later`), else the error. */
function describeFailure(err: unknown): string {
  const e = err as { response?: unknown; message?: unknown; code?: unknown };
  const text =
    typeof e.response === 'string' && e.response
      ? e.response
      : typeof e.message === 'string'
        ? `${typeof e.code === 'string' ? `${e.code}: ` : ''}${e.message}`
        : String(err);
  return text.slice(0, 1_000);
}
