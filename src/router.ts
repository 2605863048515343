import { modules } from './modules';
import { composeRouter } from './platform/http';
import { platformModules } from './platform/modules';

/** Every module of the product, the platform's first: what the composition root reads. */
export const appModules = [...platformModules, ...modules] as const;

/** Every procedure the product serves, over tRPC (/trpc) and REST (/api/v1). */
export const appRouter = composeRouter(appModules);

export type AppRouter = typeof appRouter;

/** The name of every module, the platform's included: what a web module must be named after. */
export type AppModuleName = (typeof appModules)[number]['name'];
