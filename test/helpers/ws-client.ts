import WebSocket from 'ws';

export type Frame = { type: string; topic?: string; [k: string]: any };

/** A WebSocket client for tests: records every frame and waits for the ones it is told to expect. */
export class WsTestClient {
  readonly frames: Frame[] = [];
  private waiters: Array<() => void> = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  /** Opens /ws on baseUrl (http://…); resolves once open, rejects with the HTTP status if refused. */
  static connect(
    baseUrl: string,
    opts: {
      cookie?: string;
      token?: string;
      origin?: string;
      autoPong?: boolean;
      headers?: Record<string, string>;
    } = {},
  ): Promise<WsTestClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/ws${opts.token ? `?token=${encodeURIComponent(opts.token)}` : ''}`;
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.origin) headers.origin = opts.origin;
    const ws = new WebSocket(url, { headers, autoPong: opts.autoPong ?? true });
    const client = new WsTestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        const retryAfter = res.headers['retry-after'];
        reject(new Error(`HTTP ${res.statusCode}${retryAfter ? ` (Retry-After ${retryAfter})` : ''}`));
      });
      ws.once('error', reject);
    });
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }

  /** Waits for the first not-yet-taken frame matching `match`, and takes it. */
  async next(match: (f: Frame) => boolean = () => true, timeoutMs = 3000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex(match);
      if (i >= 0) return this.frames.splice(i, 1)[0]!;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before the expected frame`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Subscribes and returns the first answer for that topic (snapshot, batch or error). */
  async subscribe(topic: string, extra: Record<string, unknown> = {}): Promise<Frame> {
    this.send({ type: 'subscribe', topic, ...extra });
    return this.next((f) => f.topic === topic && ['snapshot', 'batch', 'error'].includes(f.type));
  }

  async waitClosed(timeoutMs = 3000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket still open');
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.closed;
  }

  close() {
    this.ws.close();
  }

  private wake() {
    const w = this.waiters.splice(0);
    for (const f of w) f();
  }
}
