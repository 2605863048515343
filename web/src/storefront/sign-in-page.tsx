import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { PasskeySignIn } from '../features/auth/passkey-sign-in';
import { switchUser } from '../features/auth/switch-user';
import { useFormErrors } from '../features/auth/use-form-error';
import { landingAfterSignIn, safeNext } from '../lib/next-url';
import type { Permission } from '../lib/permission';
import { useTRPC } from '../lib/trpc';
import { Button } from '../ui/button';
import { Alert } from '../ui/empty-state';
import { Field } from '../ui/field';
import { AuthCard, OrDivider } from './auth-card';

export function SignInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // The page whose "Sign in" link brought them here (router state, so it never shows in the address).
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const afterSignIn = async () => {
    await switchUser(queryClient);
    const me = await queryClient.fetchQuery(trpc.auth.me.queryOptions());
    const can = (p: Permission) => me.permissions.includes(p);
    await navigate(
      me.user?.mustChangePassword ? '/account#password' : landingAfterSignIn({ next, from, can }),
      { replace: true },
    );
  };

  const signIn = useMutation(trpc.auth.signIn.mutationOptions({ onSuccess: afterSignIn }));
  const err = useFormErrors(signIn.error, ['email', 'password']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <AuthCard
      title="Welcome back"
      lead="Sign in to shop live, follow creators and manage your account."
      footer={
        <>
          New here?{' '}
          <Link
            className="font-semibold text-brand underline-offset-4 hover:underline"
            to={`/signup${next ? `?next=${encodeURIComponent(next)}` : ''}`}
          >
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="Sign in with email">
        {err.form ? <Alert>{err.form}</Alert> : null}
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username webauthn"
          required
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            err.changed('email');
          }}
          error={err.field('email')}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            err.changed('password');
          }}
          error={err.field('password')}
        />
        <p className="-mt-2 text-right text-body">
          <Link className="font-semibold text-brand underline-offset-4 hover:underline" to="/forgot-password">
            Forgot password?
          </Link>
        </p>
        <Button type="submit" size="lg" className="w-full" loading={signIn.isPending}>
          Sign in
        </Button>
      </form>
      <OrDivider />
      <PasskeySignIn email={email || undefined} onSignedIn={afterSignIn} />
    </AuthCard>
  );
}
