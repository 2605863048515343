import type { FastifyRequest, RouteOptions } from 'fastify';

/** What a route is, decided once when it is registered, from its declared path (never a request's URL). */
export interface RouteKind {
  /** A document a browser renders (pages, the API reference, assets): helmet's header set, else the short one. */
  document: boolean;
  /** Its answers hand a browser the CSRF token cookie (pages and API answers do; probes and files do not). */
  csrfCookie: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    routeKind?: RouteKind;
  }
}

const NOT_DOCUMENTS = /^\/(trpc|api|webhooks|healthz|readyz|metrics|media)(\/|$)/;
const NO_TOKEN = /^\/(healthz|readyz|metrics|assets|webhooks|media)(\/|$)/;

/** A URL that matched no route gets a JSON 404: nothing to render, no token to hand out. */
const UNMATCHED: RouteKind = { document: false, csrfCookie: false };

export function classifyRoute(declaredPath: string): RouteKind {
  return { document: !NOT_DOCUMENTS.test(declaredPath), csrfCookie: !NO_TOKEN.test(declaredPath) };
}

/**
 * An `onRoute` hook for the root instance (it is inherited by every plugin registered after it): stamps
 * each route's config with its kind. The router has already decoded and matched the request by the time a
 * hook reads it back, so `/%74rpc/…` is the tRPC route whatever its spelling.
 */
export function stampRouteKind(route: RouteOptions): void {
  route.config = { ...route.config, routeKind: classifyRoute(route.url) };
}

/** The kind of the route a request matched. */
export function routeOf(req: FastifyRequest): RouteKind {
  return req.routeOptions.config.routeKind ?? UNMATCHED;
}
