import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { switchUser } from '../features/auth/switch-user';
import { useTRPC } from '../lib/trpc';
import { LinkPasswordForm } from './link-password-form';

/**
 * Where the first-run founder's one-time link lands (`/set-password?token=…`): choose a password, then
 * continue signed in. The link works once and expires.
 */
export function SetPasswordPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const choose = useMutation(
    trpc.auth.setPassword.mutationOptions({
      onSuccess: async () => {
        await switchUser(queryClient);
        // Replace the address that holds the link, so it does not stay in history as the current page.
        await navigate('/account', { replace: true });
      },
    }),
  );
  return (
    <LinkPasswordForm
      mutation={choose}
      title="Choose your password"
      lead="This link works once. You are signed in afterwards."
      incompleteLead="Open the whole link you were given, or ask for a new one."
      formLabel="Choose your password"
      submitLabel="Set password and continue"
      footer={
        <>
          Have a password already?{' '}
          <Link className="font-semibold text-brand underline-offset-4 hover:underline" to="/signin">
            Sign in
          </Link>
        </>
      }
    />
  );
}
