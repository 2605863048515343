import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { AnyRouter } from '@trpc/server';
import type { FastifyInstance } from 'fastify';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import type { Platform } from '../platform';

const require = createRequire(import.meta.url);

/** The OpenAPI 3.1 document, generated from the same procedures that serve /trpc and /api/v1. */
export function buildOpenApiDocument(router: AnyRouter, baseUrl: string) {
  return generateOpenApiDocument(router, {
    title: 'Live Shopping Network API',
    description:
      'REST API generated from the same procedures as the web app uses. Authenticate with `Authorization: Bearer <API key>` ' +
      '(create keys under Account → API keys). Every mutation accepts an `Idempotency-Key` header: a replay returns the ' +
      'stored response with `Idempotent-Replayed: true`.',
    version: '1.0.0',
    openApiVersion: '3.1.0',
    baseUrl: `${baseUrl}/api/v1`,
    docsUrl: `${baseUrl}/docs`,
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: lsn_<prefix>_<secret>' },
    },
  });
}

/** `/api/openapi.json` and the reference page at `/docs` (Swagger UI, served from our own origin). */
export function openApiPlugin(platform: Platform, router: AnyRouter) {
  let cached: unknown;
  return async (app: FastifyInstance) => {
    app.get('/api/openapi.json', async () => {
      cached ??= buildOpenApiDocument(router, platform.config.PUBLIC_URL);
      return cached;
    });
    const uiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
    await app.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root: uiDir,
        prefix: '/docs/assets/',
        decorateReply: false,
        index: false,
      });
      scope.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(DOCS_HTML));
      const theme = docsTheme();
      scope.get('/docs/theme.css', async (_req, reply) =>
        reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(theme),
      );
      scope.get('/docs/init.js', async (_req, reply) =>
        reply.type('text/javascript; charset=utf-8').send(DOCS_INIT),
      );
    });
  };
}

/**
 * The reference's stylesheet: the product's design tokens (the web app's tokens.css, read once at start so
 * the colours have one source) as custom properties, then the theme that applies them to Swagger UI.
 */
function docsTheme(): string {
  const tokens = readFileSync(
    path.resolve(import.meta.dirname, '../../../web/src/ui/tokens/tokens.css'),
    'utf8',
  );
  const properties = tokens.match(/--(color|font|radius)-[\w-]+:[^;]+;/g) ?? [];
  const theme = readFileSync(path.join(import.meta.dirname, 'docs-theme.css'), 'utf8');
  return `:root {\n  ${properties.join('\n  ')}\n}\n${theme}`;
}

// Swagger UI's own dark mode (html.dark-mode), restyled by /docs/theme.css. No inline styles or scripts (CSP).
const DOCS_HTML = `<!doctype html>
<html lang="en" class="dark-mode">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark">
<title>API reference · Live Shopping Network</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="/docs/theme.css">
</head>
<body>
<header class="lsn-docs-header">
<a class="lsn-docs-brand" href="/"><span class="lsn-docs-logo" aria-hidden="true"></span>Live Shopping Network</a>
<nav aria-label="API reference"><a href="/">Back to the app</a><a href="/account/api-keys">Your API keys</a><a href="/api/openapi.json">OpenAPI document</a></nav>
</header>
<main id="swagger-ui" class="lsn-docs-main"><noscript>The API reference needs JavaScript. The raw document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></main>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

/**
 * Deep links stay off: Swagger UI puts them as links inside each operation's expand button, a control
 * inside a control that screen readers and keyboards cannot use. Its server picker has no name; it gets one.
 */
const DOCS_INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: false,
  onComplete: function () {
    var servers = document.getElementById('servers');
    if (servers) servers.setAttribute('aria-label', 'Server');
  },
});`;
