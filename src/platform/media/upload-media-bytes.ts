import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PlatformCtx } from '../context';
import { inspectUpload } from './inspect-upload';
import { type UploadResult, uploadMedia } from './upload-media';
import { uploadLimits } from './upload-route';

/**
 * Bytes made on the server (a demo seed's generated pictures, an import) through the same checks and
 * pipeline as an upload: judged by content, kept once per file, processed by the `media.process` job.
 */
export async function uploadMediaBytes(ctx: PlatformCtx, bytes: Buffer): Promise<UploadResult> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'lsn-media-bytes-'));
  try {
    const file = path.join(dir, 'upload');
    await fsp.writeFile(file, bytes, { mode: 0o600 });
    const inspected = await inspectUpload(file, uploadLimits(ctx.platform.config));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return await uploadMedia(ctx, { file, sha256 }, inspected);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
