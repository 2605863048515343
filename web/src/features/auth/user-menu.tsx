import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { useTRPC } from '../../lib/trpc';
import { Button, ButtonLink } from '../../ui/button';
import { switchUser } from './switch-user';
import { useMe } from './use-me';

/** Header actions: sign in / sign up when signed out; account and sign out when signed in. */
export function UserMenu() {
  const { user } = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  // After signing in, people who are neither staff nor creators come back to this page.
  const from = pathname === '/signin' || pathname === '/signup' ? undefined : { from: pathname + search };
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: async () => {
        await navigate('/');
        await switchUser(queryClient);
      },
    }),
  );
  if (!user) {
    return (
      <>
        <ButtonLink to="/signin" state={from} variant="ghost" size="sm">
          Sign in
        </ButtonLink>
        <ButtonLink to="/signup" size="sm">
          Sign up
        </ButtonLink>
      </>
    );
  }
  return (
    <>
      <ButtonLink to="/account" variant="ghost" size="sm" title={user.email}>
        <span
          aria-hidden="true"
          className="grid size-6 place-items-center rounded-full bg-brand-violet/30 text-caption font-bold"
        >
          {(user.displayName || user.email).slice(0, 1).toUpperCase()}
        </span>
        <span className="sr-only md:not-sr-only">{user.displayName || user.email}</span>
      </ButtonLink>
      <Button variant="secondary" size="sm" loading={signOut.isPending} onClick={() => signOut.mutate({})}>
        Sign out
      </Button>
    </>
  );
}
