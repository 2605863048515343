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

export interface RestCall {
  method: string;
  /** Under the server's root: `/api/v1/...` with path parameters and, for GET and DELETE, the query. */
  url: string;
  /** The JSON body, for methods that take one. */
  body?: unknown;
}

/**
 * The REST request trpc-to-openapi serves for a procedure and an input, built from its `openapi` meta:
 * `{param}`s in the path come from the input, GET and DELETE carry the rest as a query string (arrays as
 * repeated keys), other methods as a JSON body. Undefined when the procedure has no REST route.
 */
export function restCallOf(meta: Meta, input: unknown): RestCall | undefined {
  const openapi = meta.openapi;
  if (!openapi) return undefined;
  const method = openapi.method.toUpperCase();
  const rest: Record<string, unknown> =
    input && typeof input === 'object' && !Array.isArray(input) ? { ...(input as object) } : {};
  const path = openapi.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value));
  });
  const url = `/api/v1${path}`;
  if (method === 'GET' || method === 'DELETE') {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(rest)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v])
        qs.append(k, typeof one === 'object' && one !== null ? JSON.stringify(one) : String(one));
    }
    const q = qs.toString();
    return { method, url: q ? `${url}?${q}` : url };
  }
  return { method, url, body: input === undefined ? {} : rest };
}
