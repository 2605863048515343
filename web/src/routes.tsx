import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { matchRoutes, type RouteObject, useParams, useSearchParams } from 'react-router';
import { RequirePermission, RequireSignIn } from './features/auth/guards';
import { useHead, useStatus } from './lib/head';
import { prefetchAll } from './lib/prefetch';
import { httpStatusOf, useTRPC } from './lib/trpc';
import type { RouteInput, RouteQuery, Surface, Trpc, WebModule, WebRoute } from './lib/web-module';

/** What the route table carries for the server: whether sign-in is needed, and the page's declaration. */
export interface RouteHandle {
  signIn?: boolean;
  page?: WebRoute;
}

/** Re-renders when any of the queries gets data or an error (the head may be built from them). */
function useQueriesSettled(queries: readonly RouteQuery[]) {
  const cache = useQueryClient().getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const version = () =>
    queries
      .map((q) => {
        const s = cache.find({ queryKey: q.queryKey, exact: true })?.state;
        return `${s?.dataUpdatedAt}:${s?.errorUpdatedAt}`;
      })
      .join('|');
  useSyncExternalStore(subscribe, version, version);
}

function RouteBody({ route }: { route: WebRoute }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useParams();
  const [search] = useSearchParams();
  const input: RouteInput = { params, search };
  const queries = route.queries?.(trpc, input) ?? [];
  useQueriesSettled(queries);
  const queryKeys = JSON.stringify(queries.map((q) => q.queryKey));
  // After a navigation in the browser: start every declared query at once (the server did so for the first page).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialized keys are the dependency
  useEffect(() => {
    void prefetchAll(
      queryClient,
      queries.filter((q) => !queryClient.getQueryState(q.queryKey)),
    );
  }, [queryKeys, queryClient]);
  const head =
    typeof route.head === 'function'
      ? route.head({ ...input, trpc, data: (q) => queryClient.getQueryData(q.queryKey) })
      : route.head;
  useHead(head, { noindex: route.surface !== 'storefront' || Boolean(route.signIn) });
  const missing =
    route.notFoundIs404 &&
    queries.some((q) => httpStatusOf(queryClient.getQueryState(q.queryKey)?.error) === 404);
  useStatus(missing ? 404 : undefined);
  return route.element;
}

function RoutePage({ route }: { route: WebRoute }) {
  let page = <RouteBody route={route} />;
  if (route.permission) page = <RequirePermission permission={route.permission}>{page}</RequirePermission>;
  if (route.signIn) page = <RequireSignIn>{page}</RequireSignIn>;
  return page;
}

function pageRoute(route: WebRoute): RouteObject {
  const handle: RouteHandle = { page: route, signIn: route.signIn };
  const element = <RoutePage route={route} />;
  return route.path === '' ? { index: true, element, handle } : { path: route.path, element, handle };
}

/** A surface's pages: the app's own first, then every module's. */
export function surfaceRoutes(
  surface: Surface,
  appPages: readonly WebRoute[],
  modules: readonly WebModule[],
): RouteObject[] {
  return [...appPages, ...modules.flatMap((m) => m.routes)]
    .filter((r) => r.surface === surface)
    .map(pageRoute);
}

/** The page a URL opens, its parameters, and whether it needs someone signed in. */
export function matchPage(routes: RouteObject[], url: string) {
  const { pathname, searchParams } = new URL(url, 'http://x');
  const matches = matchRoutes(routes, pathname) ?? [];
  const leaf = matches.at(-1);
  return {
    page: (leaf?.route.handle as RouteHandle | undefined)?.page,
    input: { params: leaf?.params ?? {}, search: searchParams } as RouteInput,
    signIn: matches.some((m) => (m.route.handle as RouteHandle | undefined)?.signIn),
  };
}

/** The queries the page at a URL declares, built on the given options proxy (the server's, on a request). */
export function pageQueries(routes: RouteObject[], url: string, trpc: Trpc): RouteQuery[] {
  const { page, input } = matchPage(routes, url);
  return page?.queries?.(trpc, input) ?? [];
}
