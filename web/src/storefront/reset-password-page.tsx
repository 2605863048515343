import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAfterLinkSignIn } from '../features/auth/use-after-sign-in';
import { useTRPC } from '../lib/trpc';
import { LinkPasswordForm } from './link-password-form';

/**
 * Where a reset link lands (`/reset-password?token=…`): choose a new password. Every device signed in to
 * the account is signed out, and this one is signed in.
 */
export function ResetPasswordPage() {
  const trpc = useTRPC();
  const land = useAfterLinkSignIn();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions({ onSuccess: () => land() }));
  return (
    <LinkPasswordForm
      mutation={reset}
      title="Choose a new password"
      lead="Every device signed in to your account is signed out, and you are signed in here."
      incompleteLead="Open the whole link from the email, or ask for a new one."
      formLabel="Reset your password"
      submitLabel="Save and sign in"
      footer={
        <>
          Link not working?{' '}
          <Link className="font-semibold text-brand underline-offset-4 hover:underline" to="/forgot-password">
            Get a new one
          </Link>
        </>
      }
    />
  );
}
