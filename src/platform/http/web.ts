import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fastifyStatic from '@fastify/static';
import { type DehydratedState, dehydrate, QueryClient, type QueryKey } from '@tanstack/react-query';
import { type AnyRouter, getTRPCErrorFromUnknown, getTRPCErrorShape } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../platform';
import { createRequestContext } from './context';

export interface WebOptions {
  router: AnyRouter;
  /** Where `npm run build:web` wrote dist/web and dist/web-ssr (default: ./dist). */
  distDir?: string;
}

interface RenderResult {
  html: string;
  head: string;
  status: number;
  redirect?: string;
}
/** What the server renderer (dist/web-ssr/entry-server.js, built from web/src/entry-server.tsx) exports. */
interface WebEntry {
  /** Fetches what the page at `url` shows (its route's queries and auth.me) through the given proxy. */
  prefetchPage(url: string, trpc: unknown, queryClient: QueryClient): Promise<unknown>;
  render(
    url: string,
    input: { dehydratedState: DehydratedState; signedIn: boolean; publicUrl: string },
  ): RenderResult;
}

interface MeProxy {
  auth: { me: { queryKey(): QueryKey } };
}

/** Paths that belong to the API and machinery, never to pages (their unknown URLs stay JSON 404s). */
const NOT_PAGES = /^\/(api|trpc|webhooks|ws|assets|docs|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the web app: hashed assets from dist/web with a year-long immutable cache, and every page
 * server-rendered from dist/web-ssr with the signed-in user's data already in place. The page's query
 * cache travels as `<script type="application/json">`, which browsers do not execute, so the CSP's
 * "no inline scripts" holds.
 */
export function webPlugin(platform: Platform, opts: WebOptions) {
  const dist = path.resolve(opts.distDir ?? 'dist');
  const clientDir = path.join(dist, 'web');
  const templateFile = path.join(clientDir, 'index.html');
  const ssrEntry = path.join(dist, 'web-ssr', 'entry-server.js');

  return async (app: FastifyInstance) => {
    if (!existsSync(templateFile) || !existsSync(ssrEntry)) {
      platform.log.warn({ dist }, 'web app not built: run `npm run build:web`');
      app.get('/', async (_req, reply) =>
        reply.status(503).type('text/html; charset=utf-8').send(notBuiltPage(dist)),
      );
      return;
    }
    const template = readFileSync(templateFile, 'utf8');
    const entry = (await import(pathToFileURL(ssrEntry).href)) as WebEntry;
    const publicUrl = platform.config.PUBLIC_URL.replace(/\/$/, '');

    await app.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root: path.join(clientDir, 'assets'),
        prefix: '/assets/',
        decorateReply: false,
        index: false,
        // File names carry a content hash: a changed file is a new URL.
        immutable: true,
        maxAge: '365d',
        // Source maps (the whole client source, ~2 MB) are for developers: not served in production.
        allowedPath:
          platform.config.NODE_ENV === 'production'
            ? (pathname: string) => !/\.map$/i.test(pathname)
            : undefined,
      });
    });
    const favicon = path.join(clientDir, 'favicon.svg');
    if (existsSync(favicon)) {
      const body = readFileSync(favicon);
      app.get('/favicon.svg', async (_req, reply) =>
        reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(body),
      );
    }

    const page = async (req: FastifyRequest, reply: FastifyReply) => {
      const url = req.url;
      if (NOT_PAGES.test(url.split('?')[0]!)) return reply.callNotFound();
      const ctx = await createRequestContext(platform, req, reply);
      const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
      const trpc = createTRPCOptionsProxy({ router: opts.router, ctx, queryClient });
      reply.header('cache-control', 'no-store');
      let result: RenderResult;
      let state: DehydratedState = { queries: [], mutations: [] };
      try {
        // The page's route names its queries; they run in parallel with auth.me, straight through the router.
        await entry.prefetchPage(url, trpc, queryClient);
        // The router is passed in (platform code does not import the app's router type), so name the one path used.
        const meKey = (trpc as unknown as MeProxy).auth.me.queryKey();
        const me = queryClient.getQueryData(meKey) as { user?: unknown } | undefined;
        state = dehydrateWithErrors(queryClient, opts.router, ctx);
        result = entry.render(url, { dehydratedState: state, signedIn: Boolean(me?.user), publicUrl });
      } catch (err) {
        // The browser can still render the page itself from the shell.
        req.log.error({ err, url }, 'server render failed');
        result = { html: '', head: '<title>Live Shopping Network</title>', status: 500 };
      }
      queryClient.clear();
      if (result.redirect) return reply.redirect(result.redirect, 302);
      const html = template
        .replace('<!--app-head-->', result.head)
        .replace('<!--app-html-->', result.html)
        .replace(
          '<!--app-state-->',
          `<script type="application/json" id="lsn-state">${jsonForHtml({ state, publicUrl })}</script>`,
        );
      return reply.status(result.status).type('text/html; charset=utf-8').send(html);
    };
    app.get('/', page);
    app.get('/*', page);
  };
}

/**
 * The query cache as JSON: answers and failures both (a page shows its own error state for a 403 or a 404
 * instead of a spinner). A failure travels as the error the API would have sent (the router's error
 * formatter: message, code, data), never as the server-side error object.
 */
function dehydrateWithErrors(queryClient: QueryClient, router: AnyRouter, ctx: unknown): DehydratedState {
  const state = dehydrate(queryClient, { shouldDehydrateQuery: (q) => q.state.status !== 'pending' });
  for (const q of state.queries) {
    if (q.state.status !== 'error') continue;
    const [path, args] = q.queryKey as [string[], { input?: unknown } | undefined];
    const shape = getTRPCErrorShape({
      config: router._def._config,
      error: getTRPCErrorFromUnknown(q.state.error),
      type: 'query',
      path: path.join('.'),
      input: args?.input,
      ctx,
    });
    Object.assign(q.state, { error: shape, fetchFailureReason: null });
  }
  return state;
}

/** JSON that cannot end its <script> element early. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function notBuiltPage(dist: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Web app not built</title></head>
<body style="font-family:system-ui;background:#0b0a10;color:#f5f3fa;padding:3rem;line-height:1.5">
<main><h1>The web app has not been built</h1>
<p>The API is running, but <code>${dist}/web</code> is missing. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API reference is at <a style="color:#ff5c9a" href="/docs">/docs</a>.</p></main></body></html>`;
}
