import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading, ProgressBar } from '../../ui/spinner';
import { Table, Td, Th } from '../../ui/table';
import { useFormErrors } from '../auth/use-form-error';
import { useMe } from '../auth/use-me';
import { type AuditFilters, auditEntriesQuery, filtersFrom, searchFrom } from './audit-filters';
import { ChainStatus } from './chain-status';

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as the viewer's local day (what a date input shows). */
function dayOf(iso: string): string {
  const d = new Date(iso);
  return iso && !Number.isNaN(d.getTime())
    ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
    : '';
}
const startOf = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : '');
const endOf = (day: string) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : '');

type Draft = AuditFilters;
const draftOf = (f: AuditFilters): Draft => ({ ...f, from: dayOf(f.from), to: dayOf(f.to) });

export function AuditPage() {
  const trpc = useTRPC();
  const formatDateTime = useDateTime();
  const { can } = useMe();
  const [search, setSearch] = useSearchParams();
  const applied = filtersFrom(search);
  const [draft, setDraft] = useState<Draft>(() => draftOf(applied));
  // The address changed (a filter applied, an actor clicked, Back): the form shows what is applied.
  const [shown, setShown] = useState(search.toString());
  if (shown !== search.toString()) {
    setShown(search.toString());
    setDraft(draftOf(applied));
  }
  const entries = useInfiniteQuery(auditEntriesQuery(trpc, applied));
  const err = useFormErrors(entries.error, [
    'actorId',
    'actorEmail',
    'action',
    'subjectType',
    'subjectId',
    'from',
    'to',
  ]);
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  const apply = (f: Partial<AuditFilters>) => {
    const next = searchFrom(f);
    // The form shows the new filters at once; the address (a router transition) follows.
    setDraft(draftOf(filtersFrom(next)));
    setSearch(next);
  };
  const set = (k: keyof Draft, field: string) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setDraft((d) => ({ ...d, [k]: e.target.value }));
    err.changed(field);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({ ...draft, from: startOf(draft.from), to: endOf(draft.to) });
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        lead="Privileged actions, newest first. Each entry's hash covers the one before it, so an edited or deleted row breaks the chain."
        actions={<ChainStatus canVerify={can('audit.verify')} />}
      />
      <form
        onSubmit={submit}
        aria-label="Filter the audit log"
        className="mb-5 rounded-card border border-line bg-surface p-4"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field
            label="Actor"
            placeholder="email or user id"
            value={draft.actor}
            onChange={set('actor', draft.actor.includes('@') ? 'actorEmail' : 'actorId')}
            error={err.field('actorEmail') ?? err.field('actorId')}
          />
          <Field
            label="Action"
            placeholder="e.g. roles.assign"
            value={draft.action}
            onChange={set('action', 'action')}
            error={err.field('action')}
          />
          <Field
            label="Subject type"
            placeholder="e.g. user"
            value={draft.subjectType}
            onChange={set('subjectType', 'subjectType')}
            error={err.field('subjectType')}
          />
          <Field
            label="Subject id"
            value={draft.subjectId}
            onChange={set('subjectId', 'subjectId')}
            error={err.field('subjectId')}
          />
          <Field
            label="From"
            type="date"
            value={draft.from}
            onChange={set('from', 'from')}
            error={err.field('from')}
          />
          <Field label="To" type="date" value={draft.to} onChange={set('to', 'to')} error={err.field('to')} />
        </div>
        <div className="mt-4 flex gap-2">
          <Button type="submit">Apply filters</Button>
          <Button variant="ghost" onClick={() => apply({})}>
            Clear
          </Button>
        </div>
      </form>
      <div className="mb-3 h-1.5">
        {entries.isFetching && !entries.isPending ? <ProgressBar label="Updating entries" /> : null}
      </div>
      {entries.isPending ? (
        <Loading what="Loading audit entries" />
      ) : entries.error ? (
        <Alert>{err.form ?? 'Fix the filter marked above.'}</Alert>
      ) : rows.length === 0 ? (
        <EmptyState title="No entries match">
          Loosen the filters, or come back after someone changes something.
        </EmptyState>
      ) : (
        <>
          <Table caption="Audit entries">
            <thead>
              <tr>
                <Th>#</Th>
                <Th>When</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Subject</Th>
                <Th>Details</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <Td className="font-mono text-caption text-ink-muted">{e.seq}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(e.at)}</Td>
                  <Td className="min-w-56">
                    {e.actorEmail || e.actorId ? (
                      <button
                        type="button"
                        className="break-all text-left hover:underline"
                        title="Show only this actor's entries"
                        onClick={() => apply({ actor: (e.actorEmail ?? e.actorId)! })}
                      >
                        {e.actorEmail ?? e.actorId}
                      </button>
                    ) : (
                      <p>{e.actorKind}</p>
                    )}
                    {e.actorKey ? (
                      <p className="text-caption text-ink-faint">
                        via API key {e.actorKey.name ? `“${e.actorKey.name}” ` : ''}
                        <span className="font-mono">
                          {e.actorKey.prefix ? `lsn_${e.actorKey.prefix}…` : e.actorKey.id}
                        </span>
                      </p>
                    ) : e.actorEmail ? (
                      <p className="text-caption text-ink-faint">{e.actorKind}</p>
                    ) : null}
                  </Td>
                  <Td>
                    <Badge tone="brand">{e.action}</Badge>
                  </Td>
                  <Td>
                    <p>{e.subjectType}</p>
                    <p className="break-all font-mono text-caption text-ink-faint">{e.subjectId}</p>
                  </Td>
                  <Td>
                    {Object.keys(e.data).length ? (
                      <details>
                        <summary className="cursor-pointer text-caption text-ink-muted">Show</summary>
                        <pre className="mt-2 max-w-xs overflow-x-auto rounded-control bg-canvas p-2 font-mono text-caption">
                          {JSON.stringify(e.data, null, 2)}
                        </pre>
                        {e.requestId ? (
                          <p className="mt-1 text-caption text-ink-faint">Request {e.requestId}</p>
                        ) : null}
                      </details>
                    ) : (
                      <span className="text-ink-faint">—</span>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {entries.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button
                variant="secondary"
                loading={entries.isFetchingNextPage}
                onClick={() => entries.fetchNextPage()}
              >
                Load older entries
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
