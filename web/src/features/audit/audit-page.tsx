import { type FormEvent, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/head';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading, ProgressBar } from '../../ui/spinner';
import { Table, Td, Th } from '../../ui/table';
import { placeError } from '../auth/use-form-error';
import { useMe } from '../auth/use-me';
import { ChainStatus } from './chain-status';

interface Filters {
  /** An email or a user id. */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  from: string;
  to: string;
}
const empty: Filters = { actor: '', action: '', subjectType: '', subjectId: '', from: '', to: '' };

/** Form values → procedure input: blanks dropped, day bounds turned into instants in the viewer's zone. */
function toInput(f: Filters) {
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
  const actor = f.actor.trim();
  if (actor) out[actor.includes('@') ? 'actorEmail' : 'actorId'] = actor;
  for (const k of ['action', 'subjectType', 'subjectId'] as const) if (f[k].trim()) out[k] = f[k].trim();
  if (f.from) out.from = new Date(`${f.from}T00:00:00`).toISOString();
  if (f.to) out.to = new Date(`${f.to}T23:59:59.999`).toISOString();
  return out;
}

export function AuditPage() {
  useTitle('Audit log');
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { can } = useMe();
  const [draft, setDraft] = useState<Filters>(empty);
  const [applied, setApplied] = useState<Filters>(empty);
  const entries = useCursorPages(trpc.audit.list.pathKey(), toInput(applied), (i) =>
    client.audit.list.query(i),
  );
  const err = placeError(entries.error, [
    'actorId',
    'actorEmail',
    'action',
    'subjectType',
    'subjectId',
    'from',
    'to',
  ]);
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
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
            onChange={set('actor')}
            error={err.field('actorEmail') ?? err.field('actorId')}
          />
          <Field
            label="Action"
            placeholder="e.g. roles.assign"
            value={draft.action}
            onChange={set('action')}
            error={err.field('action')}
          />
          <Field
            label="Subject type"
            placeholder="e.g. user"
            value={draft.subjectType}
            onChange={set('subjectType')}
            error={err.field('subjectType')}
          />
          <Field
            label="Subject id"
            value={draft.subjectId}
            onChange={set('subjectId')}
            error={err.field('subjectId')}
          />
          <Field
            label="From"
            type="date"
            value={draft.from}
            onChange={set('from')}
            error={err.field('from')}
          />
          <Field label="To" type="date" value={draft.to} onChange={set('to')} error={err.field('to')} />
        </div>
        <div className="mt-4 flex gap-2">
          <Button type="submit">Apply filters</Button>
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(empty);
              setApplied(empty);
            }}
          >
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
                  <Td>
                    {e.actorEmail || e.actorId ? (
                      <button
                        type="button"
                        className="break-all text-left hover:underline"
                        title="Show only this actor's entries"
                        onClick={() => {
                          const only = { ...empty, actor: (e.actorEmail ?? e.actorId)! };
                          setDraft(only);
                          setApplied(only);
                        }}
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
                    {e.data && Object.keys(e.data as object).length ? (
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
