import { usersRouter } from './platform/access/users-router';
import { auditRouter } from './platform/audit/router';
import { apiKeysRouter, authRouter } from './platform/auth';
import { router } from './platform/http/trpc';
import { jobsRouter } from './platform/jobs/router';
import { systemRouter } from './platform/observability/router';

/** Every procedure the product serves, over tRPC (/trpc) and REST (/api/v1). */
export const appRouter = router({
  system: systemRouter,
  audit: auditRouter,
  auth: authRouter,
  apiKeys: apiKeysRouter,
  users: usersRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;
