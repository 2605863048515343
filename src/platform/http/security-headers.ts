import type { ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { Config } from '../config';

/**
 * Security headers (CSP and the rest), from helmet's well-kept defaults. They are the same for every
 * response, so we let helmet write them once onto a stand-in response at start-up and copy that set onto
 * each reply: measured here, running helmet per request cost more than half of a plain route's throughput.
 */
export function securityHeaders(config: Config): Record<string, string> {
  const https = config.PUBLIC_URL.startsWith('https://');
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
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
  return headers;
}
