import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The ffmpeg on PATH, or undefined (looked up once). */
let ffmpeg: Promise<string | undefined> | undefined;
export function findFfmpeg(): Promise<string | undefined> {
  ffmpeg ??= (async () => {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, 'ffmpeg');
      try {
        await fsp.access(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
    return undefined;
  })();
  return ffmpeg;
}

/**
 * One frame of a video as a PNG, for its poster: the frame a second in (the first is often black), or the
 * first when the video is shorter. Runs ffmpeg with the video as a file (never a URL or a name someone
 * sent), no shell, a time limit, and only the decoders a poster needs.
 */
export async function extractPosterFrame(ffmpegPath: string, video: Buffer): Promise<Buffer> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'lsn-poster-'));
  try {
    const input = path.join(dir, 'input');
    const output = path.join(dir, 'poster.png');
    await fsp.writeFile(input, video);
    const run = (seek: string) =>
      new Promise<void>((resolve, reject) => {
        execFile(
          ffmpegPath,
          [
            '-nostdin',
            '-hide_banner',
            '-loglevel',
            'error',
            '-y',
            '-ss',
            seek,
            '-i',
            input,
            '-frames:v',
            '1',
            '-an',
            '-f',
            'image2',
            '-c:v',
            'png',
            output,
          ],
          { timeout: 30_000, maxBuffer: 1024 * 1024 },
          (err, _stdout, stderr) => (err ? reject(new Error(stderr.trim() || err.message)) : resolve()),
        );
      });
    await run('1');
    if (!(await fsp.stat(output).catch(() => undefined))?.size) await run('0');
    return await fsp.readFile(output);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
