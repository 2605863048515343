import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';

/**
 * "Load more" paging over a procedure that takes `cursor` and answers `nextCursor`.
 * (tRPC's own infiniteQueryOptions adds a `direction` field that the API's strict inputs rightly refuse.)
 */
export function useCursorPages<I extends object, O extends { nextCursor: string | null }>(
  queryKey: QueryKey,
  input: I,
  fetchPage: (input: I & { cursor?: string }) => Promise<O>,
) {
  return useInfiniteQuery({
    queryKey: [...queryKey, input],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam ? { ...input, cursor: pageParam } : input),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
