import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useDateTime } from '../../lib/format';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card, CardHeader } from '../../ui/card';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Checkbox, Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { Table, Td, Th } from '../../ui/table';
import { useFormErrors } from './use-form-error';

export function ApiKeysPage() {
  const trpc = useTRPC();
  const formatDateTime = useDateTime();
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const scopes = useQuery(trpc.apiKeys.scopes.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));

  return (
    <>
      <PageHeader
        title="API keys"
        lead="Keys let your scripts and integrations call the API as you, limited to the scopes you pick. Send one as Authorization: Bearer <key>."
      />
      <div className="space-y-6">
        <CreateKey scopes={scopes.data?.scopes} scopesLoading={scopes.isPending} onCreated={refresh} />
        <section aria-labelledby="keys-h">
          <h2 id="keys-h" className="mb-3 text-title font-semibold">
            Your keys
          </h2>
          {keys.isPending ? (
            <Loading what="Loading keys" />
          ) : keys.error ? (
            <Alert>{errorMessage(keys.error)}</Alert>
          ) : keys.data.keys.length === 0 ? (
            <EmptyState title="No API keys yet">
              Create one above when a script needs to call the API.
            </EmptyState>
          ) : (
            <Table caption="Your API keys">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Key</Th>
                  <Th>Scopes</Th>
                  <Th>Created</Th>
                  <Th>Last used</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {keys.data.keys.map((k) => (
                  <tr key={k.id}>
                    <Td className="font-semibold break-words">{k.name}</Td>
                    <Td>
                      <code className="font-mono text-caption text-ink-muted">{k.prefix}…</code>
                    </Td>
                    <Td>
                      <div className="flex flex-wrap gap-1">
                        {k.scopes.map((s) => (
                          <Badge key={s}>{s}</Badge>
                        ))}
                      </div>
                    </Td>
                    <Td className="text-ink-muted">{formatDateTime(k.createdAt)}</Td>
                    <Td className="text-ink-muted">
                      {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}
                    </Td>
                    <Td className="text-right">
                      {k.revokedAt ? (
                        <Badge tone="danger">Revoked</Badge>
                      ) : (
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => setRevoking(k)}
                          aria-label={`Revoke key ${k.name}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
        <ConfirmDialog
          open={revoking !== null}
          title={`Revoke the key ‘${revoking?.name}’?`}
          confirmLabel="Revoke key"
          onConfirm={() => revoking && revoke.mutateAsync({ id: revoking.id })}
          onClose={() => setRevoking(null)}
        >
          Programs using it will stop working at once. A revoked key cannot be turned back on; create a new
          one if you need it again.
        </ConfirmDialog>
      </div>
    </>
  );
}

function CreateKey({
  scopes,
  scopesLoading,
  onCreated,
}: {
  scopes?: string[];
  scopesLoading: boolean;
  onCreated: () => unknown;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [copied, setCopied] = useState(false);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setChosen([]);
        setCopied(false);
        onCreated();
      },
    }),
  );
  const err = useFormErrors(create.error, ['name', 'scopes']);
  const toggle = (s: string) => {
    setChosen((c) => (c.includes(s) ? c.filter((x) => x !== s) : [...c, s]));
    err.changed('scopes');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, scopes: chosen });
  };
  const copy = async (key: string) => {
    try {
      await navigator.clipboard.writeText(key);
      setCopied(true);
    } catch {
      // Clipboard refused (insecure context): select the text so the user can copy it by hand.
      const el = document.getElementById('new-api-key');
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  };

  return (
    <Card aria-labelledby="create-key-h">
      <CardHeader title={<span id="create-key-h">Create a key</span>} />
      {create.data ? (
        <div className="mb-5 space-y-3 rounded-control border border-ok/40 bg-ok/5 p-4">
          <p className="font-semibold">Copy your new key now. It will not be shown again.</p>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              id="new-api-key"
              className="block flex-1 overflow-x-auto rounded-control bg-canvas px-3 py-2 font-mono text-caption break-all select-all"
            >
              {create.data.key}
            </code>
            <Button variant="secondary" onClick={() => copy(create.data.key)}>
              {copied ? 'Copied' : 'Copy key'}
            </Button>
          </div>
          <p role="status" className="sr-only">
            {copied ? 'Key copied to the clipboard' : ''}
          </p>
        </div>
      ) : null}
      <form onSubmit={submit} className="space-y-4" aria-label="Create an API key" noValidate>
        {err.form ? <Alert>{err.form}</Alert> : null}
        <Field
          label="Name"
          placeholder="e.g. Inventory sync"
          required
          maxLength={100}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            err.changed('name');
          }}
          error={err.field('name')}
          className="max-w-md"
        />
        <fieldset aria-describedby={err.field('scopes') ? 'scopes-error' : undefined}>
          <legend className="text-caption font-semibold uppercase tracking-wide text-ink-muted">
            Scopes
          </legend>
          {scopesLoading ? (
            <Loading what="Loading scopes" />
          ) : scopes?.length ? (
            <div className="mt-3 grid gap-3 sm:grid-cols-2">
              {scopes.map((s) => (
                <Checkbox key={s} label={s} checked={chosen.includes(s)} onChange={() => toggle(s)} />
              ))}
            </div>
          ) : (
            <p className="mt-2 text-body text-ink-muted">Your roles give no scopes a key could carry.</p>
          )}
          {err.field('scopes') ? (
            <p id="scopes-error" role="alert" className="mt-2 text-caption font-medium text-danger">
              {err.field('scopes')}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" loading={create.isPending}>
          Create key
        </Button>
      </form>
    </Card>
  );
}
