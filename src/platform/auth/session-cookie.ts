import type { FastifyReply } from 'fastify';
import type { Config } from '../config';

export const SESSION_COOKIE = 'lsn_session';

const DAY_MS = 86_400_000;

/**
 * When a session used at `now` expires: SESSION_TTL_DAYS after its last use, but never later than
 * SESSION_MAX_DAYS after sign-in (OWASP's idle and absolute timeouts).
 */
export function sessionExpiry(config: Config, createdAt: Date, now: Date): Date {
  return new Date(
    Math.min(
      now.getTime() + config.SESSION_TTL_DAYS * DAY_MS,
      createdAt.getTime() + config.SESSION_MAX_DAYS * DAY_MS,
    ),
  );
}

/**
 * HttpOnly so scripts never see it; Lax so a link from elsewhere still arrives signed in. It lives as
 * long as the session (a relative Max-Age, so a client's wrong clock does not cut it short), and is sent
 * again each time use extends the session.
 */
export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  token: string,
  session: { expiresAt: Date; now: Date },
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.PUBLIC_URL.startsWith('https://'),
    maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - session.now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.PUBLIC_URL.startsWith('https://'),
  });
}
