import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { describeUserAgent, formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/head';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Alert } from '../../ui/empty-state';
import { PageHeader } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { switchUser } from '../auth/switch-user';

export function SessionsPage() {
  useTitle('Sessions');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() });
  const revoke = useMutation(trpc.auth.revokeSession.mutationOptions({ onSuccess: refresh }));
  const everywhere = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      onSuccess: async () => {
        // If this session went too, the next page is the sign-in page.
        const me = await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
        if (!me.user) {
          await navigate('/signin');
          await switchUser(queryClient);
        } else await refresh();
      },
    }),
  );

  return (
    <>
      <PageHeader
        title="Sessions"
        lead="Every browser and device signed in to your account. Sign out any you do not recognise, or all of them except this one."
        actions={
          <Button variant="danger" loading={everywhere.isPending} onClick={() => everywhere.mutate({})}>
            Sign out everywhere else
          </Button>
        }
      />
      {everywhere.error ? <Alert>{errorMessage(everywhere.error)}</Alert> : null}
      {everywhere.isSuccess ? (
        <Alert tone="ok">Signed out {everywhere.data.revoked} session(s).</Alert>
      ) : null}
      {sessions.isPending ? (
        <Loading what="Loading sessions" />
      ) : sessions.error ? (
        <Alert>{errorMessage(sessions.error)}</Alert>
      ) : (
        <ul className="mt-4 divide-y divide-line rounded-card border border-line bg-surface">
          {sessions.data.sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
              <div>
                <p className="flex items-center gap-2 font-semibold">
                  {describeUserAgent(s.userAgent)}
                  {s.current ? <Badge tone="ok">This device</Badge> : null}
                </p>
                <p className="text-caption text-ink-muted">
                  {s.ip ?? 'Unknown address'} · Signed in {formatDateTime(s.createdAt)} · Last seen{' '}
                  {formatDateTime(s.lastSeenAt)}
                </p>
              </div>
              {s.current ? null : (
                <Button
                  variant="secondary"
                  size="sm"
                  loading={revoke.isPending && revoke.variables?.sessionId === s.id}
                  onClick={() => revoke.mutate({ sessionId: s.id })}
                  aria-label={`Sign out ${describeUserAgent(s.userAgent)} session from ${formatDateTime(s.createdAt)}`}
                >
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {revoke.error ? <Alert>{errorMessage(revoke.error)}</Alert> : null}
    </>
  );
}
