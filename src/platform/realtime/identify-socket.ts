import type { IncomingMessage } from 'node:http';
import type { Actor } from '../context';
import { resolveChannelId } from '../http';
import type { AuthRequest, Platform } from '../platform';

/** The parts of a request that authenticate() and resolveChannelId() read. */
export type SocketRequest = AuthRequest;

/**
 * Builds what the HTTP layer's authenticate() reads (headers, cookies, ip, host) from a raw upgrade
 * request, so a socket is authenticated exactly like an HTTP call: a bearer API key (the `token`
 * query parameter, an Authorization header, or the first message), else the session cookie.
 * Cookies are ignored when the page that opened the socket is on another origin: browsers send
 * cookies with cross-site WebSocket handshakes, and CSRF tokens cannot ride on them.
 */
export function socketRequest(platform: Platform, req: IncomingMessage, token?: string): SocketRequest {
  const headers = { ...req.headers };
  // X-Forwarded-* only count behind a proxy we were told to trust (TRUST_PROXY): otherwise a client
  // could name another channel's host. (Any trusted setting counts here; sockets need no hop arithmetic.)
  const trustProxy = Boolean((platform.config as { TRUST_PROXY?: unknown }).TRUST_PROXY);
  const host = (trustProxy ? firstValue(headers['x-forwarded-host']) : undefined) ?? headers.host ?? '';
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  let cookies: Record<string, string> = {};
  if (headers.cookie && sameOrigin(platform, headers.origin, host))
    cookies = parseCookieHeader(headers.cookie);
  delete headers.cookie;
  if (token) headers.authorization = `Bearer ${token}`;
  const forwarded = trustProxy ? firstValue(headers['x-forwarded-for'])?.split(',')[0]?.trim() : undefined;
  return { headers, cookies, ip: forwarded || req.socket.remoteAddress || '', hostname };
}

export async function identifySocket(
  platform: Platform,
  req: SocketRequest,
  channelId?: string,
): Promise<{ channelId: string; actor: Actor }> {
  const channel = channelId ?? (await resolveChannelId(platform, req));
  return { channelId: channel, actor: await platform.identity.authenticate(req, channel) };
}

/** Is the failure "bad credentials" (answer 401) rather than a fault of ours? */
export function isAuthFailure(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === 'UNAUTHORIZED' || e?.code === 'UNAUTHENTICATED' || e?.cause?.code === 'UNAUTHENTICATED';
}

function sameOrigin(platform: Platform, origin: string | undefined, host: string): boolean {
  if (!origin) return true; // not a browser: nothing to forge
  try {
    const o = new URL(origin).host;
    return o === host || o === new URL(platform.config.PUBLIC_URL).host;
  } catch {
    return false;
  }
}

function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** RFC 6265 pairs; the first occurrence of a name wins, as in the `cookie` package Fastify uses. */
function parseCookieHeader(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}
