import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PASSWORD_MIN } from '../../../../src/platform/auth/credentials';
import { useTRPC } from '../../lib/trpc';
import { RoleBadge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card, CardHeader } from '../../ui/card';
import { Alert } from '../../ui/empty-state';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { useFormErrors } from './use-form-error';
import { useMe } from './use-me';

export function ProfilePage() {
  const { me, user } = useMe();
  if (!user || !me) return null;
  return (
    <>
      <PageHeader title="Your account" lead={`Signed in to ${me.channel.name} as ${user.email}.`} />
      <div className="space-y-6">
        <Card aria-labelledby="profile-h">
          <h2 id="profile-h" className="mb-4 text-title font-semibold">
            Profile
          </h2>
          <EditName current={user.displayName} />
          <dl className="mt-5 grid gap-4 sm:grid-cols-2">
            <div>
              <dt className="text-caption font-semibold uppercase tracking-wide text-ink-muted">Email</dt>
              <dd className="mt-1 break-all">{user.email}</dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="text-caption font-semibold uppercase tracking-wide text-ink-muted">Roles</dt>
              <dd className="mt-2 flex flex-wrap gap-2">
                {me.roles.length ? (
                  me.roles.map((r) => <RoleBadge key={r} name={r} />)
                ) : (
                  <RoleBadge name="customer" />
                )}
              </dd>
            </div>
          </dl>
        </Card>
        <ChangePassword mustChange={user.mustChangePassword} />
      </div>
    </>
  );
}

/** The display name others see: edited in place, saved on submit. */
function EditName({ current }: { current: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [displayName, setName] = useState(current);
  const save = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      onSuccess: async ({ user }) => {
        setName(user.displayName);
        await queryClient.invalidateQueries({ queryKey: trpc.auth.pathKey() });
      },
    }),
  );
  const err = useFormErrors(save.error, ['displayName']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ displayName });
  };
  return (
    <form onSubmit={submit} className="grid max-w-md gap-3" noValidate aria-label="Your name">
      {err.form ? <Alert>{err.form}</Alert> : null}
      <Field
        label="Name"
        autoComplete="name"
        required
        maxLength={100}
        value={displayName}
        onChange={(e) => {
          setName(e.target.value);
          if (save.isSuccess) save.reset();
          err.changed('displayName');
        }}
        error={err.field('displayName')}
        hint={save.isSuccess ? 'Saved.' : 'How you appear to others.'}
      />
      <div>
        <Button type="submit" variant="secondary" loading={save.isPending} disabled={displayName === current}>
          Save name
        </Button>
      </div>
    </form>
  );
}

function ChangePassword({ mustChange }: { mustChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async () => {
        setCurrent('');
        setNew('');
        setConfirm('');
        await queryClient.invalidateQueries({ queryKey: trpc.auth.pathKey() });
      },
    }),
  );
  const err = useFormErrors(change.error, ['currentPassword', 'newPassword']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const differs = newPassword !== confirm;
    setMismatch(differs);
    // A new attempt: the last answer's errors are stale either way.
    if (differs) change.reset();
    else change.mutate({ currentPassword, newPassword });
  };
  return (
    <Card id="password" aria-labelledby="password-h">
      <CardHeader
        title={<span id="password-h">Change password</span>}
        description={
          mustChange
            ? 'Your password was set for you. Choose your own now.'
            : 'Your other sessions are signed out, so anyone who knew the old password loses access.'
        }
      />
      <form onSubmit={submit} className="grid max-w-md gap-4" noValidate aria-label="Change password">
        {err.form ? <Alert>{err.form}</Alert> : null}
        {change.isSuccess ? <Alert tone="ok">Password changed.</Alert> : null}
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => {
            setCurrent(e.target.value);
            err.changed('currentPassword');
          }}
          error={err.field('currentPassword')}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          minLength={PASSWORD_MIN}
          hint={`At least ${PASSWORD_MIN} characters.`}
          onChange={(e) => {
            setNew(e.target.value);
            err.changed('newPassword');
          }}
          error={err.field('newPassword')}
        />
        <Field
          label="Repeat new password"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => {
            setConfirm(e.target.value);
            setMismatch(false);
          }}
          error={mismatch ? 'Type the same new password twice.' : undefined}
        />
        <div>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
