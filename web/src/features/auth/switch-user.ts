import type { QueryClient } from '@tanstack/react-query';

/**
 * Someone else is now (or nobody is) signed in: drop every cached answer, since it belonged to the
 * previous user, and refetch what is on screen. (clear() would strand mounted queries on old data.)
 */
export function switchUser(queryClient: QueryClient): Promise<void> {
  return queryClient.resetQueries();
}
