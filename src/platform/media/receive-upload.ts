import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface ReceivedUpload {
  /** A private temporary file holding the bytes. */
  file: string;
  sha256: string;
  bytes: number;
  /** Removes the temporary file (always call it). */
  dispose(): Promise<void>;
}

export class UploadTooLarge extends Error {}

/**
 * Writes an upload's bytes to a private temporary file while hashing them, and stops reading at
 * `maxBytes`: nothing larger is ever kept, and nothing is judged by what the client declared. Nothing
 * goes to storage until the file has been judged by its contents.
 */
export async function receiveUpload(body: Readable, maxBytes: number): Promise<ReceivedUpload> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'lsn-upload-'));
  const file = path.join(dir, 'upload');
  const dispose = () => fsp.rm(dir, { recursive: true, force: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new UploadTooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await dispose();
    throw err;
  }
  return { file, sha256: hash.digest('hex'), bytes, dispose };
}
