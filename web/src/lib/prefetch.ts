import type { FetchInfiniteQueryOptions, FetchQueryOptions, QueryClient } from '@tanstack/react-query';
import type { RouteQuery } from './web-module';

/** Fetches a page's queries in parallel into the cache; a failed one stays in the cache as its error. */
export function prefetchAll(queryClient: QueryClient, queries: readonly RouteQuery[]): Promise<unknown> {
  return Promise.all(
    queries.map((q) =>
      'initialPageParam' in q
        ? queryClient.prefetchInfiniteQuery(q as FetchInfiniteQueryOptions)
        : queryClient.prefetchQuery(q as FetchQueryOptions),
    ),
  );
}
