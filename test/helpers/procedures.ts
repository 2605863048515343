import type { AnyRouter } from '@trpc/server';
import type { Access, Meta } from '../../src/platform/http/trpc';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: Access | undefined;
  meta: Meta;
  hasInput: boolean;
  hasOutput: boolean;
}

/** Every procedure in a router, flattened to its dotted path. */
export function listProcedures(router: AnyRouter): ProcedureInfo[] {
  const procedures = (router as any)._def.procedures as Record<string, any>;
  return Object.entries(procedures).map(([path, p]) => ({
    path,
    type: p._def.type,
    access: p._def.meta?.access,
    meta: p._def.meta ?? {},
    hasInput: (p._def.inputs ?? []).length > 0,
    hasOutput: Boolean(p._def.output),
  }));
}
