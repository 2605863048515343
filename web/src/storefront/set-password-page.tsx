import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PASSWORD_MIN } from '../../../src/platform/auth/credentials';
import { switchUser } from '../features/auth/switch-user';
import { useFormErrors } from '../features/auth/use-form-error';
import { useTRPC } from '../lib/trpc';
import { Button } from '../ui/button';
import { Alert } from '../ui/empty-state';
import { Field } from '../ui/field';
import { AuthCard } from './auth-card';

/**
 * Where a one-time link lands (`/set-password?token=…`: the first-run founder, and password reset
 * next): choose a password, then continue signed in. The link works once and expires.
 */
export function SetPasswordPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const choose = useMutation(
    trpc.auth.setPassword.mutationOptions({
      onSuccess: async () => {
        await switchUser(queryClient);
        // Replace the address that holds the link, so it does not stay in history as the current page.
        await navigate('/account', { replace: true });
      },
    }),
  );
  const err = useFormErrors(choose.error, ['password', 'token']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const differs = password !== confirm;
    setMismatch(differs);
    if (!differs) choose.mutate({ token, password });
  };
  const footer = (
    <>
      Have a password already?{' '}
      <Link className="font-semibold text-brand underline-offset-4 hover:underline" to="/signin">
        Sign in
      </Link>
    </>
  );

  if (!token)
    return (
      <AuthCard
        title="This link is incomplete"
        lead="Open the whole link you were given, or ask for a new one."
        footer={footer}
      >
        {null}
      </AuthCard>
    );

  return (
    <AuthCard
      title="Choose your password"
      lead="This link works once. You are signed in afterwards."
      footer={footer}
    >
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="Choose your password">
        {err.field('token') ? <Alert>{err.field('token')}</Alert> : null}
        {err.form ? <Alert>{err.form}</Alert> : null}
        <Field
          label="New password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          hint={`At least ${PASSWORD_MIN} characters. A phrase of a few words is easy to remember and hard to guess.`}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            err.changed('password');
          }}
          error={err.field('password')}
        />
        <Field
          label="Repeat the password"
          type="password"
          name="confirm"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch ? 'The two passwords differ.' : undefined}
        />
        <Button type="submit" size="lg" className="w-full" loading={choose.isPending}>
          Set password and continue
        </Button>
      </form>
    </AuthCard>
  );
}
