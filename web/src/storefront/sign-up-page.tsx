import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PASSWORD_MIN } from '../../../src/platform/auth/credentials';
import { switchUser } from '../features/auth/switch-user';
import { useFormErrors } from '../features/auth/use-form-error';
import { safeNext } from '../lib/next-url';
import { useTRPC } from '../lib/trpc';
import { Button } from '../ui/button';
import { Alert } from '../ui/empty-state';
import { Field } from '../ui/field';
import { AuthCard } from './auth-card';

export function SignUpPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next')) ?? '/account';
  const [form, setForm] = useState({ displayName: '', email: '', password: '' });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    err.changed(k);
  };

  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: async () => {
        await switchUser(queryClient);
        await navigate(next, { replace: true });
      },
    }),
  );
  const err = useFormErrors(signUp.error, ['displayName', 'email', 'password']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate(form);
  };

  return (
    <AuthCard
      title="Create your account"
      lead="It takes a few seconds. You can add a passkey afterwards."
      footer={
        <>
          Already have an account?{' '}
          <Link className="font-semibold text-brand underline-offset-4 hover:underline" to="/signin">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="Create your account">
        {err.form ? <Alert>{err.form}</Alert> : null}
        <Field
          label="Your name"
          name="displayName"
          autoComplete="name"
          required
          value={form.displayName}
          onChange={set('displayName')}
          error={err.field('displayName')}
        />
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={err.field('email')}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          hint={`At least ${PASSWORD_MIN} characters. A phrase of a few words is easy to remember and hard to guess.`}
          value={form.password}
          onChange={set('password')}
          error={err.field('password')}
        />
        <Button type="submit" size="lg" className="w-full" loading={signUp.isPending}>
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
