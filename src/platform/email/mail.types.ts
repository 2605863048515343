import { z } from 'zod';

export const ZListMailRequestSchema = z.strictObject({
  search: z
    .string()
    .max(200)
    .optional()
    .describe('Part of the recipient address or of the subject, any case'),
  /** `nextCursor` from the previous page. */
  cursor: z.uuid().optional().describe('nextCursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const ZStatus = z.enum(['queued', 'sending', 'sent', 'failed']);

export const ZMailSummarySchema = z.object({
  id: z.string(),
  /** The template it was made from, e.g. `reset-password`. */
  template: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  status: ZStatus,
  /** `catcher` or `smtp` once an attempt was made. */
  transport: z.enum(['catcher', 'smtp']).nullable(),
  attempts: z.number().int(),
  /** The last failure, in the provider's words. */
  lastError: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const ZListMailResponseSchema = z.object({
  messages: z.array(ZMailSummarySchema),
  nextCursor: z.string().nullable(),
});

export const ZGetMailRequestSchema = z.strictObject({ id: z.uuid() });

export const ZGetMailResponseSchema = ZMailSummarySchema.extend({
  providerResponse: z.string().nullable(),
  /**
   * The message's HTML exactly as sent. Show it only inside `<iframe sandbox srcdoc>` (no allow-scripts,
   * no allow-same-origin), never in the page's own DOM. Null when withheld or removed (see bodyNote).
   */
  html: z.string().nullable(),
  text: z.string().nullable(),
  /** Why there is no body to show, when there is none. */
  bodyNote: z.string().nullable(),
});

export type TListMailRequest = z.infer<typeof ZListMailRequestSchema>;
export type TListMailResponse = z.infer<typeof ZListMailResponseSchema>;
export type TMailSummary = z.infer<typeof ZMailSummarySchema>;
export type TGetMailRequest = z.infer<typeof ZGetMailRequestSchema>;
export type TGetMailResponse = z.infer<typeof ZGetMailResponseSchema>;
