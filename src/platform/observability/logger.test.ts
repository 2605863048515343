import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('logs', () => {
  it('are JSON lines in which passwords, tokens and cookies never appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      { input: { email: 'a@b.test', password: 'hunter2-hunter2' }, token: 'lsn_abc_secret' },
      'sign-in',
    );
    log.info({ req: { headers: { authorization: 'Bearer lsn_x_y', cookie: 'lsn_session=abc' } } }, 'request');
    const text = lines.join('');
    for (const secret of ['hunter2-hunter2', 'lsn_abc_secret', 'Bearer lsn_x_y', 'lsn_session=abc']) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(lines[0]!).input.email).toBe('a@b.test');
    expect(JSON.parse(lines[0]!).input.password).toBe('[redacted]');
  });
});
