import { cursorPages } from '../../lib/cursor-pages';
import type { Trpc } from '../../lib/web-module';

/** The audit log's filters, as they travel in the page's address (so a filtered view can be shared). */
export interface AuditFilters {
  /** An email or a user id. */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Instants (ISO), from the start of the "from" day to the end of the "to" day in the viewer's zone. */
  from: string;
  to: string;
}

const keys = ['actor', 'action', 'subjectType', 'subjectId', 'from', 'to'] as const;

export function filtersFrom(search: URLSearchParams): AuditFilters {
  return Object.fromEntries(keys.map((k) => [k, search.get(k)?.trim() ?? ''])) as unknown as AuditFilters;
}

export function searchFrom(filters: Partial<AuditFilters>): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of keys) if (filters[k]?.trim()) out.set(k, filters[k].trim());
  return out;
}

/** Filters → procedure input: blanks dropped, an actor with an @ is an email. */
function toInput(f: AuditFilters) {
  const out: {
    limit: number;
    actorId?: string;
    actorEmail?: string;
    action?: string;
    subjectType?: string;
    subjectId?: string;
    from?: string;
    to?: string;
  } = { limit: 50 };
  if (f.actor) out[f.actor.includes('@') ? 'actorEmail' : 'actorId'] = f.actor;
  for (const k of ['action', 'subjectType', 'subjectId', 'from', 'to'] as const) if (f[k]) out[k] = f[k];
  return out;
}

/** The entries the audit page lists for these filters (its route declares the same, for the server). */
export const auditEntriesQuery = (trpc: Trpc, filters: AuditFilters) =>
  cursorPages(trpc.audit.list, toInput(filters));
