import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { landingAfterSignIn } from '../../lib/next-url';
import type { Permission } from '../../lib/permission';
import { useTRPC } from '../../lib/trpc';
import { switchUser } from './switch-user';

/**
 * What happens once someone is signed in by a link (a confirmed sign-up, a password reset): the cache
 * starts over for the new person, and they land where signing in lands them: staff on the console,
 * creators in the studio, everyone else on the page they came for (`next`) or the home page. The address
 * that held the link is replaced, so it does not stay in history.
 */
export function useAfterLinkSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (next?: string | null) => {
    await switchUser(queryClient);
    const me = await queryClient.fetchQuery(trpc.auth.me.queryOptions());
    const can = (p: Permission) => me.permissions.includes(p);
    await navigate(
      me.user?.mustChangePassword ? '/account#password' : landingAfterSignIn({ next, from: undefined, can }),
      {
        replace: true,
      },
    );
  };
}
