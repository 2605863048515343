import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useDateTime } from '../../lib/format';
import { errorMessage, useTRPC } from '../../lib/trpc';
import type { Trpc } from '../../lib/web-module';
import { Badge } from '../../ui/badge';
import { Button, ButtonLink } from '../../ui/button';
import { Card, CardHeader } from '../../ui/card';
import { Alert, EmptyState } from '../../ui/empty-state';
import { PageHeader } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { Table, Td, Th } from '../../ui/table';
import { useMe } from '../auth/use-me';

const REFRESH_MS = 5_000;

/** The queries this page shows (its routes declare them, so the server fetches them first). */
export const queuesQuery = (trpc: Trpc) => trpc.jobs.queues.queryOptions();
export const jobsQuery = (trpc: Trpc, queue: string, state: 'failed' | 'dead') =>
  trpc.jobs.list.queryOptions({ queue, state, limit: 50 });

/** Every queue with its counts, problems first; with a queue in the address (/console/jobs/<queue>), its problem jobs. */
export function JobsPage() {
  const trpc = useTRPC();
  const { queue } = useParams();
  const queues = useQuery({ ...queuesQuery(trpc), refetchInterval: REFRESH_MS });
  const known = queues.data?.queues.some((q) => q.name === queue);

  return (
    <>
      <PageHeader
        title={queue ? `Jobs in ${queue}` : 'Jobs'}
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
              <Th className="text-right">Failed</Th>
              <Th className="text-right">Dead</Th>
              <Th className="text-right">Queued</Th>
              <Th className="text-right">Active</Th>
              <Th className="text-right">Completed</Th>
            </tr>
          </thead>
          <tbody>
            {queues.data.queues.map((q) => (
              <tr key={q.name} className={q.name === queue ? 'bg-surface-raised' : undefined}>
                <Td>
                  <Link
                    to={`/console/jobs/${encodeURIComponent(q.name)}`}
                    aria-current={q.name === queue ? 'page' : undefined}
                    className="font-mono font-semibold text-brand underline-offset-4 hover:underline"
                  >
                    {q.name}
                  </Link>
                  {q.description ? <p className="text-caption text-ink-muted">{q.description}</p> : null}
                </Td>
                <Td className="text-right tabular-nums">
                  {q.failed ? <Badge tone="warn">{q.failed}</Badge> : 0}
                </Td>
                <Td className="text-right tabular-nums">
                  {q.dead ? <Badge tone="danger">{q.dead}</Badge> : 0}
                </Td>
                <Td className="text-right tabular-nums">{q.queued}</Td>
                <Td className="text-right tabular-nums">{q.active}</Td>
                <Td className="text-right tabular-nums">{q.completed}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {!queue ? null : queues.data && !known ? (
        <div className="mt-8">
          <EmptyState
            title={`There is no queue named “${queue}”`}
            action={
              <ButtonLink to="/console/jobs" variant="secondary">
                All queues
              </ButtonLink>
            }
          >
            The link may be old: queues come and go with the product's modules.
          </EmptyState>
        </div>
      ) : (
        <div className="mt-8 grid gap-6 lg:grid-cols-2">
          <JobList queue={queue} state="failed" title="Failed (will retry)" />
          <JobList queue={queue} state="dead" title="Dead letters (gave up)" />
        </div>
      )}
    </>
  );
}

function JobList({ queue, state, title }: { queue: string; state: 'failed' | 'dead'; title: string }) {
  const trpc = useTRPC();
  const formatDateTime = useDateTime();
  const queryClient = useQueryClient();
  const { can } = useMe();
  const jobs = useQuery({ ...jobsQuery(trpc, queue, state), refetchInterval: REFRESH_MS });
  const retry = useMutation(
    trpc.jobs.retry.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() }),
    }),
  );
  return (
    <Card aria-label={`${title} in ${queue}`} className="min-w-0">
      <CardHeader title={title} description={<span className="font-mono break-all">{queue}</span>} />
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
                    aria-label={`Retry job ${j.id}`}
                  >
                    Retry
                  </Button>
                ) : null}
              </div>
              {j.error ? (
                <pre className="mt-2 max-h-32 overflow-auto rounded-control bg-canvas p-2 font-mono text-caption whitespace-pre-wrap break-words text-danger">
                  {j.error}
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
