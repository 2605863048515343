import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

export const CSRF_COOKIE = 'lsn_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit token for cookie sessions: unsafe requests to the API must echo the readable
 * `lsn_csrf` cookie in the `x-csrf-token` header. Requests carrying a bearer API key are exempt
 * (a browser never attaches one by itself); webhooks are verified by signature instead.
 */
export async function csrfGuard(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (SAFE.has(req.method)) return;
  const path = req.url;
  if (!(path.startsWith('/trpc') || path.startsWith('/api/'))) return;
  if (typeof req.headers.authorization === 'string' && req.headers.authorization.startsWith('Bearer '))
    return;
  const cookie = req.cookies[CSRF_COOKIE];
  const header = req.headers[CSRF_HEADER];
  if (typeof cookie === 'string' && typeof header === 'string' && cookie.length === header.length) {
    if (timingSafeEqual(Buffer.from(cookie), Buffer.from(header))) return;
  }
  reply.status(403).send({
    error: 'Forbidden',
    code: 'CSRF',
    message: `Missing or wrong ${CSRF_HEADER} header: send the value of the ${CSRF_COOKIE} cookie`,
  });
}

export function ensureCsrfCookie(config: Config) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!req.cookies[CSRF_COOKIE]) {
      reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), {
        path: '/',
        sameSite: 'strict',
        secure: config.PUBLIC_URL.startsWith('https://'),
        httpOnly: false,
      });
    }
    return payload;
  };
}
