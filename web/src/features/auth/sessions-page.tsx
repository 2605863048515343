import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeUserAgent, useDateTime } from '../../lib/format';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Alert } from '../../ui/empty-state';
import { PageHeader } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { switchUser } from './switch-user';

interface Session {
  id: string;
  userAgent: string | null;
  createdAt: string;
}

export function SessionsPage() {
  const trpc = useTRPC();
  const formatDateTime = useDateTime();
  const describe = (s: Session) =>
    `${describeUserAgent(s.userAgent)}, signed in ${formatDateTime(s.createdAt)}`;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const [ending, setEnding] = useState<Session | null>(null);
  const [endingOthers, setEndingOthers] = useState(false);
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
  const others = sessions.data?.sessions.filter((s) => !s.current) ?? [];

  return (
    <>
      <PageHeader
        title="Sessions"
        lead="Every browser and device signed in to your account. Sign out any you do not recognise, or all of them except this one."
        actions={
          others.length ? (
            <Button variant="danger" onClick={() => setEndingOthers(true)}>
              Sign out everywhere else
            </Button>
          ) : null
        }
      />
      {everywhere.isSuccess ? (
        <Alert tone="ok">
          Signed out {everywhere.data.revoked} other {everywhere.data.revoked === 1 ? 'session' : 'sessions'}.
        </Alert>
      ) : null}
      {sessions.isPending ? (
        <Loading what="Loading sessions" />
      ) : sessions.error ? (
        <Alert>{errorMessage(sessions.error)}</Alert>
      ) : (
        <ul className="mt-4 divide-y divide-line rounded-card border border-line bg-surface">
          {sessions.data.sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 font-semibold">
                  {describeUserAgent(s.userAgent)}
                  {s.current ? <Badge tone="ok">This device</Badge> : null}
                </p>
                <p className="text-caption break-words text-ink-muted">
                  {s.ip ?? 'Unknown address'} · Signed in {formatDateTime(s.createdAt)} · Last seen{' '}
                  {formatDateTime(s.lastSeenAt)}
                </p>
              </div>
              {s.current ? null : (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => setEnding(s)}
                  aria-label={`Sign out ${describe(s)}`}
                >
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={ending !== null}
        title={ending ? `Sign out ${describe(ending)}?` : ''}
        confirmLabel="Sign out"
        onConfirm={() => ending && revoke.mutateAsync({ sessionId: ending.id })}
        onClose={() => setEnding(null)}
      >
        Whoever uses that browser or device will have to sign in again. This one stays signed in.
      </ConfirmDialog>
      <ConfirmDialog
        open={endingOthers}
        title={`Sign out ${others.length === 1 ? 'the other session' : `all ${others.length} other sessions`}?`}
        confirmLabel="Sign out everywhere else"
        onConfirm={() => everywhere.mutateAsync({})}
        onClose={() => setEndingOthers(false)}
      >
        Every other browser and device signed in to your account will have to sign in again. This one stays
        signed in.
      </ConfirmDialog>
    </>
  );
}
