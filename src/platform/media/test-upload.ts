import http from 'node:http';

/** What a browser's `fetch(url, { method: 'POST', body: file })` sends: the raw bytes, with cookies and token. */
export function postFile(
  client: { baseUrl: string; cookies: Map<string, string>; defaultHeaders: Record<string, string> },
  path: string,
  body: Buffer,
  headers: Record<string, string> = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  const h: Record<string, string> = { 'content-type': 'application/octet-stream', ...client.defaultHeaders };
  if (client.cookies.size) h.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = client.cookies.get('lsn_csrf');
  if (csrf) h['x-csrf-token'] = csrf;
  Object.assign(h, headers);
  for (const [k, v] of Object.entries(h)) if (v === '') delete h[k];
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${client.baseUrl}${path}`,
      { method: 'POST', headers: h, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    // A server that refuses early may close before the whole body is sent.
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err),
    );
    req.end(body);
  });
}
