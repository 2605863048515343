import type { DehydratedState, QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { AppRoutes, appRoutes, Providers } from './app';
import { headHtml, type RenderNotes, RenderNotesContext } from './lib/head';
import { signInUrl } from './lib/next-url';
import { prefetchAll } from './lib/prefetch';
import { createQueryClient, createTrpcClient } from './lib/trpc';
import type { Trpc } from './lib/web-module';
import { matchPage, pageQueries } from './routes';

export interface RenderInput {
  /** The query cache the server filled for this request (auth.me and the page's own queries). */
  dehydratedState: DehydratedState;
  /** Whether someone is signed in (from auth.me), to redirect before rendering protected pages. */
  signedIn: boolean;
  /** PUBLIC_URL, for canonical and Open Graph addresses. */
  publicUrl: string;
}

export interface RenderResult {
  html: string;
  head: string;
  status: number;
  redirect?: string;
}

/**
 * Fetches what the page at `url` shows: auth.me and the queries its route declares, all at once. The
 * server calls this with an options proxy built on the request's context, so each query runs straight
 * through the router as that visitor.
 */
export function prefetchPage(url: string, trpc: Trpc, queryClient: QueryClient): Promise<unknown> {
  return prefetchAll(queryClient, [trpc.auth.me.queryOptions(), ...pageQueries(appRoutes, url, trpc)]);
}

/** Renders one page to HTML. The server wraps it in dist/web/index.html and adds the state script. */
export function render(url: string, input: RenderInput): RenderResult {
  if (matchPage(appRoutes, url).signIn && !input.signedIn) {
    return { html: '', head: '', status: 302, redirect: signInUrl(url) };
  }
  const queryClient = createQueryClient();
  // Never used to fetch on the server (queries without server data render their loading state).
  const trpcClient = createTrpcClient('http://ssr.invalid');
  const notes: RenderNotes = {};
  const html = renderToString(
    <StrictMode>
      <RenderNotesContext.Provider value={notes}>
        <Providers
          queryClient={queryClient}
          trpcClient={trpcClient}
          state={input.dehydratedState}
          publicUrl={input.publicUrl}
        >
          <StaticRouter location={url}>
            <AppRoutes />
          </StaticRouter>
        </Providers>
      </RenderNotesContext.Provider>
    </StrictMode>,
  );
  queryClient.clear();
  return {
    html,
    head: notes.head ? headHtml(notes.head) : '<title>Live Shopping Network</title>',
    status: notes.status ?? 200,
  };
}
