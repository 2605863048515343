import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PASSWORD_MIN } from '../../../src/platform/auth/credentials';
import { useAfterLinkSignIn } from '../features/auth/use-after-sign-in';
import { useFormErrors } from '../features/auth/use-form-error';
import { useTRPC } from '../lib/trpc';
import { Button } from '../ui/button';
import { Alert } from '../ui/empty-state';
import { Field } from '../ui/field';
import { AuthCard } from './auth-card';

const linkClass = 'font-semibold text-brand underline-offset-4 hover:underline';

/**
 * Where a reset link lands (`/reset-password?token=…`): choose a new password. Every device signed in to
 * the account is signed out, and this one is signed in.
 */
export function ResetPasswordPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const land = useAfterLinkSignIn();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions({ onSuccess: () => land() }));
  const err = useFormErrors(reset.error, ['password', 'token']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const differs = password !== confirm;
    setMismatch(differs);
    if (!differs) reset.mutate({ token, password });
  };
  const footer = (
    <>
      Link not working?{' '}
      <Link className={linkClass} to="/forgot-password">
        Get a new one
      </Link>
    </>
  );

  if (!token)
    return (
      <AuthCard
        title="This link is incomplete"
        lead="Open the whole link from the email, or ask for a new one."
        footer={footer}
      >
        {null}
      </AuthCard>
    );

  return (
    <AuthCard
      title="Choose a new password"
      lead="Every device signed in to your account is signed out, and you are signed in here."
      footer={footer}
    >
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="Reset your password">
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
        <Button type="submit" size="lg" className="w-full" loading={reset.isPending}>
          Save and sign in
        </Button>
      </form>
    </AuthCard>
  );
}
