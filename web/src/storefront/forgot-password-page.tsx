import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useFormErrors } from '../features/auth/use-form-error';
import { useTRPC } from '../lib/trpc';
import { Button } from '../ui/button';
import { Alert } from '../ui/empty-state';
import { Field } from '../ui/field';
import { AuthCard } from './auth-card';
import { CheckEmail } from './check-email';

const linkClass = 'font-semibold text-brand underline-offset-4 hover:underline';

/**
 * "Forgot password?": asks for the address and sends a reset link to it if it has an account. The page
 * answers the same either way (so it tells nobody who has an account) and says so in plain words.
 */
export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const ask = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onSuccess: (_data, sent) => {
        if (sentTo) setResent(true);
        setSentTo(sent.email.trim());
      },
    }),
  );
  const err = useFormErrors(ask.error, ['email']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate({ email });
  };
  const footer = (
    <>
      Remembered it?{' '}
      <Link className={linkClass} to="/signin">
        Sign in
      </Link>
    </>
  );

  if (sentTo)
    return (
      <AuthCard
        title="Check your email"
        lead="If an account uses this address, a link is on its way."
        footer={footer}
      >
        <CheckEmail
          email={sentTo}
          resend={() => ask.mutate({ email })}
          resent={resent}
          resending={ask.isPending}
          error={ask.error?.message}
        >
          <p>
            Follow the link in it to choose a new password. It works once, for 30 minutes, and only the newest
            one works.
          </p>
          <p>No email? The address may have no account here: you can create one instead.</p>
        </CheckEmail>
      </AuthCard>
    );

  return (
    <AuthCard
      title="Forgot your password?"
      lead="Enter the email address of your account and we will send you a link to choose a new password."
      footer={footer}
    >
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="Ask for a reset link">
        {err.form ? <Alert>{err.form}</Alert> : null}
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            err.changed('email');
          }}
          error={err.field('email')}
        />
        <Button type="submit" size="lg" className="w-full" loading={ask.isPending}>
          Send me a link
        </Button>
      </form>
    </AuthCard>
  );
}
