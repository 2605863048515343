import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { type Config, s3PublicBase } from '../config';
import { routeOf } from './route-kind';

export interface SecurityHeaders {
  /** For documents a browser renders: the web app's pages and the API reference. */
  page: Record<string, string>;
  /** For JSON answers, probes and metrics: nothing on them is rendered as a page. */
  api: Record<string, string>;
}

/**
 * The set of security headers for a request's response, by the route it matched (see route-kind.ts).
 * Static assets keep the page set: a worker script's own CSP would apply to the worker, and browsers cache
 * assets, so their headers cost nothing.
 */
export const securityHeadersFor = (headers: SecurityHeaders, req: FastifyRequest): Record<string, string> =>
  routeOf(req).document ? headers.page : headers.api;

/**
 * Security headers. Pages get helmet's well-kept defaults with our CSP. They are the same for every
 * response, so helmet writes them once onto a stand-in response at start-up and each reply copies that
 * set: measured here, running helmet per request cost more than half of a plain route's throughput.
 * API responses get the short set OWASP's REST guidance names (a CSP that allows nothing and forbids
 * framing, nosniff, HSTS over https) plus a same-origin resource policy, so another site cannot pull a
 * signed-in answer into its page: every header is written and sent with every response, and a page-only
 * header on a JSON answer protects nothing.
 */
export function securityHeaders(config: Config): SecurityHeaders {
  const https = config.PUBLIC_URL.startsWith('https://');
  // Media in a bucket (or behind its CDN) load from that origin.
  const media = s3PublicBase(config);
  const mediaOrigin = media ? [new URL(media).origin] : [];
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...mediaOrigin],
        mediaSrc: ["'self'", 'blob:', ...mediaOrigin],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only means something over https; on plain http it would pin a developer's browser.
    strictTransportSecurity: https,
  });
  const headers: Record<string, string> = {};
  const stand_in = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let done = false;
  middleware({} as never, stand_in, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  const api: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  };
  const hsts = headers['strict-transport-security'];
  if (hsts) api['strict-transport-security'] = hsts;
  return { page: headers, api };
}
