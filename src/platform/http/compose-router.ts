import type { AnyRouter } from '@trpc/server';
import type { ModuleManifest } from '../kit';
import { router } from './trpc';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The routers of every module in the list, keyed by namespace, as one record type. */
export type RoutersOf<Ms extends readonly ModuleManifest[]> = UnionToIntersection<
  Ms[number] extends infer M ? (M extends { router: infer R } ? R : never) : never
>;

/** One router serving every module's namespaces (the kit has already refused a namespace declared twice). */
export function composeRouter<const Ms extends readonly ModuleManifest[]>(modules: Ms) {
  const record: Record<string, AnyRouter> = {};
  for (const m of modules) Object.assign(record, m.router ?? {});
  return router(record as RoutersOf<Ms> & Record<string, AnyRouter>);
}
