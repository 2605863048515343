import { z } from 'zod';

export const ZMediaDescriptor = z.object({
  id: z.uuid(),
  kind: z.enum(['image', 'video']),
  status: z.enum(['pending', 'ready', 'failed']),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  placeholder: z.string().nullable(),
  sources: z.array(
    z.object({
      format: z.enum(['avif', 'webp', 'jpeg']),
      width: z.number().int(),
      key: z.string(),
      url: z.string(),
    }),
  ),
  video: z.object({ url: z.string(), contentType: z.string() }).nullable(),
  error: z.string().nullable(),
});

export const ZGetMediaRequestSchema = z.strictObject({ id: z.uuid() });
export const ZGetMediaResponseSchema = ZMediaDescriptor;
export type TGetMediaRequest = z.infer<typeof ZGetMediaRequestSchema>;
