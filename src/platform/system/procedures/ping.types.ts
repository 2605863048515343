import { z } from 'zod';

export const ZPingRequestSchema = z.void();
export const ZPingResponseSchema = z.object({ ok: z.literal(true), version: z.string(), time: z.string() });

export type TPingResponse = z.infer<typeof ZPingResponseSchema>;
