import { useQuery } from '@tanstack/react-query';
import type { Permission } from '../../lib/permission';
import { useTRPC } from '../../lib/trpc';

/** Who is signed in, with roles, permissions and the channel (server-rendered, then kept fresh). */
export function useMe() {
  const trpc = useTRPC();
  const query = useQuery(trpc.auth.me.queryOptions());
  const me = query.data;
  return {
    ...query,
    me,
    user: me?.user ?? null,
    can: (permission: Permission) => Boolean(me?.permissions.includes(permission)),
  };
}
