import { z } from 'zod';

/** A day (`2026-01-31`, the whole UTC day) or an instant with offset (`2026-01-31T12:00:00Z`). */
const DateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const ZListAuditRequestSchema = z.strictObject({
  actorId: z.uuid().optional(),
  /** Entries made through this API key. */
  actorKeyId: z.uuid().optional(),
  /** The acting account's email, any case. */
  actorEmail: z.string().trim().min(3).max(254).optional(),
  action: z.string().min(1).max(200).optional(),
  subjectType: z.string().min(1).max(200).optional(),
  subjectId: z.string().min(1).max(500).optional(),
  from: DateOrInstant.optional().describe('Entries at or after this day/instant'),
  to: DateOrInstant.optional().describe('Entries up to this instant, or through the end of this day'),
  /** `nextCursor` from the previous page: the seq to continue below. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'Use the nextCursor value of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const ZAuditEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorKind: z.string(),
  /** The API key that acted, when one did: its id, name and the prefix people recognise it by. */
  actorKey: z
    .object({ id: z.string(), name: z.string().nullable(), prefix: z.string().nullable() })
    .nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
});

export const ZListAuditResponseSchema = z.object({
  entries: z.array(ZAuditEntrySchema),
  nextCursor: z.string().nullable(),
});

export type TListAuditRequest = z.infer<typeof ZListAuditRequestSchema>;
export type TListAuditResponse = z.infer<typeof ZListAuditResponseSchema>;
export type TAuditEntry = z.infer<typeof ZAuditEntrySchema>;
