import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useDateTime } from '../../lib/format';
import { errorMessage, useTRPC, useTRPCClient } from '../../lib/trpc';
import { Button } from '../../ui/button';
import { Card, CardHeader } from '../../ui/card';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading } from '../../ui/spinner';

export function PasskeysPage() {
  const trpc = useTRPC();
  const formatDateTime = useDateTime();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.auth.passkeys.list.queryOptions());
  const [name, setName] = useState('');
  const [supported, setSupported] = useState(true);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.passkeys.list.queryKey() });

  const add = useMutation({
    mutationFn: async (passkeyName: string) => {
      const options = await client.auth.passkeys.registrationOptions.mutate({});
      const response = await startRegistration({ optionsJSON: options as never });
      return client.auth.passkeys.verifyRegistration.mutate({
        response: response as never,
        name: passkeyName,
      });
    },
    onSuccess: async () => {
      setName('');
      await refresh();
    },
  });
  const remove = useMutation(trpc.auth.passkeys.remove.mutationOptions({ onSuccess: refresh }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(name.trim() || 'Passkey');
  };

  return (
    <>
      <PageHeader
        title="Passkeys"
        lead="Sign in with your fingerprint, face or device PIN instead of a password. Passkeys cannot be phished."
      />
      <div className="space-y-6">
        <Card aria-labelledby="add-passkey-h">
          <CardHeader title={<span id="add-passkey-h">Add a passkey</span>} />
          {!supported ? (
            <Alert tone="info">This browser does not support passkeys.</Alert>
          ) : (
            <form
              onSubmit={submit}
              className="flex flex-col gap-3 sm:flex-row sm:items-end"
              aria-label="Add a passkey"
            >
              <Field
                className="flex-1"
                label="Name"
                placeholder="e.g. My laptop"
                value={name}
                maxLength={64}
                onChange={(e) => setName(e.target.value)}
              />
              <Button type="submit" loading={add.isPending}>
                Add passkey
              </Button>
            </form>
          )}
          {add.error ? (
            <div className="mt-3">
              <Alert>
                {add.error.name === 'NotAllowedError'
                  ? 'The passkey prompt was closed or timed out. Nothing was added.'
                  : errorMessage(add.error)}
              </Alert>
            </div>
          ) : null}
          {add.isSuccess ? (
            <div className="mt-3">
              <Alert tone="ok">Passkey added. You can use it the next time you sign in.</Alert>
            </div>
          ) : null}
        </Card>

        <section aria-labelledby="passkeys-h">
          <h2 id="passkeys-h" className="mb-3 text-title font-semibold">
            Your passkeys
          </h2>
          {list.isPending ? (
            <Loading what="Loading passkeys" />
          ) : list.error ? (
            <Alert>{errorMessage(list.error)}</Alert>
          ) : list.data.passkeys.length === 0 ? (
            <EmptyState title="No passkeys yet">Add one above to sign in without a password.</EmptyState>
          ) : (
            <ul className="divide-y divide-line rounded-card border border-line bg-surface">
              {list.data.passkeys.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                  <div className="min-w-0">
                    <p className="font-semibold break-words">{p.name}</p>
                    <p className="text-caption text-ink-muted">
                      Added {formatDateTime(p.createdAt)} · Last used{' '}
                      {p.lastUsedAt ? formatDateTime(p.lastUsedAt) : 'never'}
                    </p>
                  </div>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => setRemoving(p)}
                    aria-label={`Remove passkey ${p.name}`}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <ConfirmDialog
          open={removing !== null}
          title={`Remove the passkey ‘${removing?.name}’?`}
          confirmLabel="Remove passkey"
          onConfirm={() => removing && remove.mutateAsync({ id: removing.id })}
          onClose={() => setRemoving(null)}
        >
          You will no longer be able to sign in with it. Your password and other passkeys keep working.
        </ConfirmDialog>
      </div>
    </>
  );
}
