import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../config';
import { routeOf } from './route-kind';

export const CSRF_COOKIE = 'lsn_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit token for cookie sessions: unsafe requests must echo the readable `lsn_csrf` cookie in
 * the `x-csrf-token` header. A hook of the scope that holds the API's routes (tRPC and REST), so every
 * spelling of a URL the router matched to them meets it (`/%74rpc/…` once skipped a check on the raw URL);
 * webhooks live outside that scope and are verified by signature instead. Requests carrying a bearer API
 * key are exempt: a browser never attaches one by itself.
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
  if (typeof req.headers.authorization === 'string' && req.headers.authorization.startsWith('Bearer '))
    return false;
  const cookie = req.cookies[CSRF_COOKIE];
  const header = req.headers[CSRF_HEADER];
  if (typeof cookie === 'string' && typeof header === 'string' && cookie.length === header.length) {
    if (timingSafeEqual(Buffer.from(cookie), Buffer.from(header))) return false;
  }
  return true;
}

/**
 * Hands a browser its token with the first page or API answer. Routes no page reads a token from (probes,
 * metrics, static files, provider webhooks; see route-kind.ts) and unmatched URLs go without: a load
 * balancer polling /healthz would otherwise be sent a fresh random cookie every few seconds.
 */
export function ensureCsrfCookie(config: Config) {
  const secure = config.PUBLIC_URL.startsWith('https://');
  return (
    req: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (err: null, payload: unknown) => void,
  ) => {
    // No cookies parsed means the request was refused before that: no token for it.
    if (req.cookies && !req.cookies[CSRF_COOKIE] && routeOf(req).csrfCookie) {
      reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), {
        path: '/',
        sameSite: 'strict',
        secure,
        httpOnly: false,
      });
    }
    done(null, payload);
  };
}
