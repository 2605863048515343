import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, RequestLogger } from './logger';

/** A destination that keeps each written line. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

describe('logs', () => {
  it('are JSON lines in which passwords, tokens and cookies never appear', () => {
    const { lines, sink } = capture();
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

  it("carry the request's id on a request's lines, and cost nothing for levels that are off", () => {
    const { lines, sink } = capture();
    const log = createLogger('info', sink);
    let children = 0;
    const child = log.child.bind(log);
    log.child = ((...args: Parameters<typeof child>) => {
      children++;
      return child(...args);
    }) as typeof log.child;
    const reqLog = new RequestLogger(log, { reqId: 'req-7' });
    reqLog.debug('not written');
    expect(children).toBe(0);
    reqLog.info({ password: 'hunter2-hunter2' }, 'request');
    reqLog.error('failed');
    expect(children).toBe(1);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ reqId: 'req-7', password: '[redacted]', msg: 'request' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ reqId: 'req-7', msg: 'failed', level: 50 });
  });
});
