import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAfterLinkSignIn } from '../features/auth/use-after-sign-in';
import { useTRPC } from '../lib/trpc';
import { Alert } from '../ui/empty-state';
import { Spinner } from '../ui/spinner';
import { AuthCard } from './auth-card';

const linkClass = 'font-semibold text-brand underline-offset-4 hover:underline';

/**
 * Where a sign-up's confirmation link lands (`/verify-email?token=…`): following it creates the account
 * and signs its owner in, then they land where signing in lands them. The link is sent once, from the
 * browser (never while the server renders the page, so a mail scanner fetching the address confirms
 * nothing).
 */
export function VerifyEmailPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const land = useAfterLinkSignIn();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions({ onSuccess: () => land() }));
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate({ token });
  }, [token, verify]);

  const footer = (
    <>
      Already confirmed?{' '}
      <Link className={linkClass} to="/signin">
        Sign in
      </Link>
    </>
  );
  if (!token)
    return (
      <AuthCard
        title="This link is incomplete"
        lead="Open the whole link from the email, or sign up again for a new one."
        footer={footer}
      >
        <Link className={linkClass} to="/signup">
          Sign up again
        </Link>
      </AuthCard>
    );
  if (verify.isError)
    return (
      <AuthCard title="We could not confirm your address" lead="The link did not work." footer={footer}>
        <div className="space-y-4">
          <Alert>{verify.error.message}</Alert>
          <p className="text-body text-ink-muted">
            <Link className={linkClass} to="/signup">
              Sign up again
            </Link>{' '}
            for a new link, or{' '}
            <Link className={linkClass} to="/forgot-password">
              choose a new password
            </Link>{' '}
            if your account is ready but you forgot it.
          </p>
        </div>
      </AuthCard>
    );
  return (
    <AuthCard
      title={verify.isSuccess ? 'Your account is ready' : 'Confirming your address…'}
      lead={verify.isSuccess ? 'Taking you in…' : 'One moment: this creates your account and signs you in.'}
      footer={footer}
    >
      <div className="flex justify-center py-4">
        <Spinner label={verify.isSuccess ? 'Signing you in' : 'Confirming your address'} />
      </div>
    </AuthCard>
  );
}
