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
      scope.get('/docs/init.js', async (_req, reply) =>
        reply.type('text/javascript; charset=utf-8').send(DOCS_INIT),
      );
    });
  };
}

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Live Shopping Network</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"><noscript>The API reference needs JavaScript. The raw document is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></main>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;
