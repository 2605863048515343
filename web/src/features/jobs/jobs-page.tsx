import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/head';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card, CardHeader } from '../../ui/card';
import { Alert, EmptyState } from '../../ui/empty-state';
import { PageHeader } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { Table, Td, Th } from '../../ui/table';
import { useMe } from '../auth/use-me';

const REFRESH_MS = 5_000;

export function JobsPage() {
  useTitle('Jobs');
  const trpc = useTRPC();
  const queues = useQuery({ ...trpc.jobs.queues.queryOptions(), refetchInterval: REFRESH_MS });
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? queues.data?.queues.find((q) => q.failed + q.dead > 0)?.name ?? null;

  return (
    <>
      <PageHeader
        title="Jobs"
        lead={`Background work by queue. Counts refresh every ${REFRESH_MS / 1000} seconds; failed jobs retry with backoff, then land in the dead-letter queue.`}
      />
      {queues.isPending ? (
        <Loading what="Loading queues" />
      ) : queues.error ? (
        <Alert>{errorMessage(queues.error)}</Alert>
      ) : queues.data.queues.length === 0 ? (
        <EmptyState title="No queues registered" />
      ) : (
        <Table caption="Queues and job counts">
          <thead>
            <tr>
              <Th>Queue</Th>
              <Th className="text-right">Queued</Th>
              <Th className="text-right">Active</Th>
              <Th className="text-right">Completed</Th>
              <Th className="text-right">Failed</Th>
              <Th className="text-right">Dead</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {queues.data.queues.map((q) => (
              <tr key={q.name} className={q.name === current ? 'bg-surface-raised' : undefined}>
                <Td>
                  <p className="font-mono font-semibold">{q.name}</p>
                  {q.description ? <p className="text-caption text-ink-muted">{q.description}</p> : null}
                </Td>
                <Td className="text-right tabular-nums">{q.queued}</Td>
                <Td className="text-right tabular-nums">{q.active}</Td>
                <Td className="text-right tabular-nums">{q.completed}</Td>
                <Td className="text-right tabular-nums">
                  {q.failed ? <Badge tone="warn">{q.failed}</Badge> : 0}
                </Td>
                <Td className="text-right tabular-nums">
                  {q.dead ? <Badge tone="danger">{q.dead}</Badge> : 0}
                </Td>
                <Td className="text-right">
                  <Button
                    size="sm"
                    variant={q.name === current ? 'primary' : 'secondary'}
                    aria-pressed={q.name === current}
                    onClick={() => setSelected(q.name)}
                  >
                    Show problems<span className="sr-only"> in {q.name}</span>
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {current ? (
        <div className="mt-8 grid gap-6 lg:grid-cols-2">
          <JobList queue={current} state="failed" title="Failed (will retry)" />
          <JobList queue={current} state="dead" title="Dead letters (gave up)" />
        </div>
      ) : null}
    </>
  );
}

function JobList({ queue, state, title }: { queue: string; state: 'failed' | 'dead'; title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useMe();
  const jobs = useQuery({
    ...trpc.jobs.list.queryOptions({ queue, state, limit: 50 }),
    refetchInterval: REFRESH_MS,
  });
  const retry = useMutation(
    trpc.jobs.retry.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() }),
    }),
  );
  return (
    <Card aria-label={`${title} in ${queue}`}>
      <CardHeader title={title} description={<span className="font-mono">{queue}</span>} />
      {jobs.isPending ? (
        <Loading what="Loading jobs" />
      ) : jobs.error ? (
        <Alert>{errorMessage(jobs.error)}</Alert>
      ) : jobs.data.jobs.length === 0 ? (
        <p className="text-body text-ink-muted">None. All good here.</p>
      ) : (
        <ul className="divide-y divide-line">
          {jobs.data.jobs.map((j) => (
            <li key={j.id} className="py-3">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="break-all font-mono text-caption">{j.id}</p>
                  <p className="text-caption text-ink-muted">
                    Created {formatDateTime(j.createdOn)} · {j.retryCount} retr
                    {j.retryCount === 1 ? 'y' : 'ies'}
                  </p>
                </div>
                {can('jobs.retry') ? (
                  <Button
                    size="sm"
                    loading={retry.isPending && retry.variables?.id === j.id}
                    onClick={() => retry.mutate({ queue, id: j.id })}
                  >
                    Retry<span className="sr-only"> job {j.id}</span>
                  </Button>
                ) : null}
              </div>
              {j.error ? (
                <pre className="mt-2 max-h-32 overflow-auto rounded-control bg-canvas p-2 font-mono text-caption text-danger">
                  {typeof j.error === 'string' ? j.error : JSON.stringify(j.error, null, 2)}
                </pre>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {retry.error ? <Alert>{errorMessage(retry.error)}</Alert> : null}
      {retry.isSuccess ? <Alert tone="ok">Job queued again.</Alert> : null}
    </Card>
  );
}
