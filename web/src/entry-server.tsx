import { type DehydratedState, HydrationBoundary } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { AppRoutes, Providers } from './app';
import { type RenderNotes, RenderNotesContext } from './lib/head';
import { needsSignIn, signInUrl } from './lib/next-url';
import { createQueryClient, createTrpcClient } from './lib/trpc';

export interface RenderInput {
  /** The query cache the server filled for this request (at least auth.me). */
  dehydratedState?: DehydratedState;
  /** Whether someone is signed in (from auth.me), to redirect before rendering protected pages. */
  signedIn: boolean;
}

export interface RenderResult {
  html: string;
  head: string;
  status: number;
  redirect?: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Renders one page to HTML. The server wraps it in dist/web/index.html and adds the state script. */
export function render(url: string, input: RenderInput): RenderResult {
  const pathname = new URL(url, 'http://x').pathname;
  if (needsSignIn(pathname) && !input.signedIn) {
    return { html: '', head: '', status: 302, redirect: signInUrl(url) };
  }
  const queryClient = createQueryClient();
  // Never used to fetch on the server (queries without server data render their loading state).
  const trpcClient = createTrpcClient('http://ssr.invalid');
  const notes: RenderNotes = {};
  const html = renderToString(
    <StrictMode>
      <RenderNotesContext.Provider value={notes}>
        <Providers queryClient={queryClient} trpcClient={trpcClient}>
          <HydrationBoundary state={input.dehydratedState}>
            <StaticRouter location={url}>
              <AppRoutes />
            </StaticRouter>
          </HydrationBoundary>
        </Providers>
      </RenderNotesContext.Provider>
    </StrictMode>,
  );
  queryClient.clear();
  return {
    html,
    head: `<title>${escapeHtml(notes.title ?? 'Live Shopping Network')}</title>`,
    status: notes.status ?? 200,
  };
}
