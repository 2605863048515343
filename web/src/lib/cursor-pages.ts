import { infiniteQueryOptions, type QueryFunction, type QueryKey } from '@tanstack/react-query';

/** The parts of a tRPC query procedure (from the options proxy) that paging needs. */
interface PagedProcedure<I, O> {
  '~types': { input: I; output: O };
  pathKey(): QueryKey;
  queryOptions(input: I): { queryKey: QueryKey; queryFn?: unknown };
}

/**
 * "Load more" paging over a procedure that takes `cursor` and answers `nextCursor`, as query options a
 * page and its route share (so the server can fetch the first page). tRPC's own infiniteQueryOptions adds
 * a `direction` field that the API's strict inputs rightly refuse; each page here is the procedure's
 * plain query, so it runs the same way in the browser and on the server.
 */
export function cursorPages<I extends { cursor?: string }, O extends { nextCursor: string | null }>(
  procedure: PagedProcedure<I, O>,
  input: Omit<I, 'cursor'>,
) {
  return infiniteQueryOptions({
    queryKey: [...procedure.pathKey(), { input, type: 'infinite' }],
    initialPageParam: undefined as string | undefined,
    queryFn: (context) => {
      const page = procedure.queryOptions(
        (context.pageParam ? { ...input, cursor: context.pageParam } : input) as I,
      );
      // tRPC's query function reads the input from the key it is handed.
      return (page.queryFn as QueryFunction<O>)({ ...context, queryKey: page.queryKey } as never);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
