import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Platform } from '../platform';
import { socketRequest } from './identify-socket';

const platformWith = (env: Record<string, string> = {}) =>
  ({ config: loadConfig({ PUBLIC_URL: 'https://shop.example', ...env }) }) as Platform;
const upgrade = (headers: Record<string, string>) =>
  ({ headers, socket: { remoteAddress: '10.0.0.9' } }) as unknown as IncomingMessage;

describe('socket requests', () => {
  it('a same-origin handshake carries its session cookie; another site’s does not', () => {
    const p = platformWith();
    const base = { host: 'shop.example', cookie: 'lsn_session=abc; other=1' };
    expect(socketRequest(p, upgrade({ ...base, origin: 'https://shop.example' })).cookies).toMatchObject({
      lsn_session: 'abc',
    });
    expect(socketRequest(p, upgrade(base)).cookies).toMatchObject({ lsn_session: 'abc' });
    expect(socketRequest(p, upgrade({ ...base, origin: 'https://evil.example' })).cookies).toEqual({});
    expect(socketRequest(p, upgrade({ ...base, origin: 'not a url' })).cookies).toEqual({});
  });

  it('a token becomes a bearer API key, as on HTTP', () => {
    const r = socketRequest(platformWith(), upgrade({ host: 'shop.example' }), 'lsn_abc_def');
    expect(r.headers.authorization).toBe('Bearer lsn_abc_def');
  });

  it('forwarded host and address are believed only behind a trusted proxy', () => {
    const headers = {
      host: 'shop.example:3000',
      'x-forwarded-host': 'other-channel.example',
      'x-forwarded-for': '1.2.3.4',
    };
    const direct = socketRequest(platformWith(), upgrade(headers));
    expect([direct.hostname, direct.ip]).toEqual(['shop.example', '10.0.0.9']);
    const trusted = { config: { ...platformWith().config, TRUST_PROXY: true } } as unknown as Platform;
    const proxied = socketRequest(trusted, upgrade(headers));
    expect([proxied.hostname, proxied.ip]).toEqual(['other-channel.example', '1.2.3.4']);
  });
});
