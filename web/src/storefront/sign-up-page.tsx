import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { PASSWORD_MIN } from '../../../src/platform/auth/credentials';
import { useFormErrors } from '../features/auth/use-form-error';
import { useTRPC } from '../lib/trpc';
import { Button } from '../ui/button';
import { Alert } from '../ui/empty-state';
import { Field } from '../ui/field';
import { AuthCard } from './auth-card';
import { CheckEmail } from './check-email';

/**
 * Sign-up: the account is created when the emailed link is followed, so a sent form shows "Check your
 * email" naming the address (the same answer whether or not the address already has an account: its
 * owner is told by email), with a way to send the link again.
 */
export function SignUpPage() {
  const trpc = useTRPC();
  const [form, setForm] = useState({ displayName: '', email: '', password: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    err.changed(k);
  };

  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: (_data, sent) => {
        if (sentTo) setResent(true);
        setSentTo(sent.email.trim());
      },
    }),
  );
  const err = useFormErrors(signUp.error, ['displayName', 'email', 'password']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate(form);
  };

  if (sentTo)
    return (
      <AuthCard
        title="Check your email"
        lead="One click on the link in it and your account is ready."
        footer={
          <>
            Wrong address?{' '}
            <button
              type="button"
              className="font-semibold text-brand underline-offset-4 hover:underline"
              onClick={() => {
                setSentTo(null);
                setResent(false);
                signUp.reset();
              }}
            >
              Use another one
            </button>
          </>
        }
      >
        <CheckEmail
          email={sentTo}
          resend={() => signUp.mutate(form)}
          resent={resent}
          resending={signUp.isPending}
          error={signUp.error?.message}
        >
          <p>
            Open it and follow the link to confirm your address: it creates your account and signs you in.
          </p>
          <p>The link works once, for 24 hours.</p>
        </CheckEmail>
      </AuthCard>
    );

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
