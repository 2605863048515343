import type { IncomingMessage } from 'node:http';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { authenticate } from '../auth';
import type { Actor } from '../context';
import { resolveChannelId } from '../http/channel';
import type { Platform } from '../platform';

/** The parts of a request that authenticate() and resolveChannelId() read. */
export type SocketRequest = Pick<FastifyRequest, 'headers' | 'cookies' | 'ip' | 'hostname'>;

/**
 * Builds what the HTTP layer's authenticate() reads (headers, cookies, ip, host) from a raw upgrade
 * request, so a socket is authenticated exactly like an HTTP call: a bearer API key (the `token`
 * query parameter, an Authorization header, or the first message), else the session cookie.
 * Cookies are ignored when the page that opened the socket is on another origin: browsers send
 * cookies with cross-site WebSocket handshakes, and CSRF tokens cannot ride on them.
 */
export function socketRequest(platform: Platform, req: IncomingMessage, token?: string): SocketRequest {
  const headers = { ...req.headers };
  const host = firstValue(headers['x-forwarded-host']) ?? headers.host ?? '';
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  let cookies: Record<string, string> = {};
  if (headers.cookie && sameOrigin(platform, headers.origin, host))
    cookies = fastifyCookie.parse(headers.cookie);
  delete headers.cookie;
  if (token) headers.authorization = `Bearer ${token}`;
  const forwarded = firstValue(headers['x-forwarded-for'])?.split(',')[0]?.trim();
  return { headers, cookies, ip: forwarded || req.socket.remoteAddress || '', hostname };
}

export async function identifySocket(
  platform: Platform,
  req: SocketRequest,
  channelId?: string,
): Promise<{ channelId: string; actor: Actor }> {
  // Both read only the fields SocketRequest carries (headers, cookies, hostname).
  const asFastify = req as FastifyRequest;
  const channel = channelId ?? (await resolveChannelId(platform, asFastify));
  return { channelId: channel, actor: await authenticate(platform, asFastify, channel) };
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
