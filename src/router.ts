import { router } from './platform/http/trpc';
import { systemRouter } from './platform/observability/router';

/** Every procedure the product serves, over tRPC (/trpc) and REST (/api/v1). */
export const appRouter = router({
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
