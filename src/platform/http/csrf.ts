import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../config';

export const CSRF_COOKIE = 'lsn_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit token for cookie sessions: unsafe requests to the API must echo the readable
 * `lsn_csrf` cookie in the `x-csrf-token` header. Requests carrying a bearer API key are exempt
 * (a browser never attaches one by itself); webhooks are verified by signature instead.
 */
export function csrfGuard(req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (!refused(req)) {
    done();
    return;
  }
  reply.status(403).send({
    error: 'Forbidden',
    code: 'CSRF',
    message: `Missing or wrong ${CSRF_HEADER} header: send the value of the ${CSRF_COOKIE} cookie`,
  });
}

function refused(req: FastifyRequest): boolean {
  if (SAFE.has(req.method)) return false;
  const path = req.url;
  if (!(path.startsWith('/trpc') || path.startsWith('/api/'))) return false;
  if (typeof req.headers.authorization === 'string' && req.headers.authorization.startsWith('Bearer '))
    return false;
  const cookie = req.cookies[CSRF_COOKIE];
  const header = req.headers[CSRF_HEADER];
  if (typeof cookie === 'string' && typeof header === 'string' && cookie.length === header.length) {
    if (timingSafeEqual(Buffer.from(cookie), Buffer.from(header))) return false;
  }
  return true;
}

/** Responses no browser page reads the token from: probes, metrics, static files, provider webhooks. */
const NO_TOKEN = /^\/(healthz|readyz|metrics|assets|webhooks)(\/|\?|$)/;

/**
 * Hands a browser its token with the first page or API answer. Probes and the like go without: a load
 * balancer polling /healthz would otherwise be sent a fresh random cookie every few seconds.
 */
export function ensureCsrfCookie(config: Config) {
  return (
    req: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (err: null, payload: unknown) => void,
  ) => {
    if (!req.cookies[CSRF_COOKIE] && !NO_TOKEN.test(req.url)) {
      reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), {
        path: '/',
        sameSite: 'strict',
        secure: config.PUBLIC_URL.startsWith('https://'),
        httpOnly: false,
      });
    }
    done(null, payload);
  };
}
