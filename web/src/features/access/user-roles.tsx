import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { privilegedRoles, roles } from '../../../../src/platform/access/permissions';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { RoleBadge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { inputClass } from '../../ui/field';
import { useMe } from '../auth/use-me';

interface Row {
  id: string;
  email: string;
  roles: string[];
}

/** A user's role badges, with remove buttons and a "grant" picker for those allowed to change roles. */
export function UserRoles({ user }: { user: Row }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can, user: me } = useMe();
  const mayAssign = can('roles.assign');
  const mayPrivileged = can('roles.assignPrivileged');
  // Founder-only roles are not offered to anyone else (the server refuses them too).
  const manageable = (r: string) =>
    mayAssign && (mayPrivileged || !(privilegedRoles as readonly string[]).includes(r));
  const offered = roles.filter((r) => r !== 'customer' && !user.roles.includes(r) && manageable(r));
  const [pick, setPick] = useState('');

  const done = async () => {
    setPick('');
    await queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
    if (user.id === me?.id) await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
  };
  const assign = useMutation(trpc.users.assignRole.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.users.removeRole.mutationOptions({ onSuccess: done }));
  const error = assign.error ?? remove.error;
  const selectId = `grant-${user.id}`;

  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap items-center gap-1.5" aria-label={`Roles of ${user.email}`}>
        {user.roles.length === 0 ? <li className="text-caption text-ink-faint">customer</li> : null}
        {user.roles.map((r) => (
          <li key={r} className="inline-flex items-center gap-0.5">
            <RoleBadge name={r} />
            {manageable(r) ? (
              <button
                type="button"
                className="grid size-6 place-items-center rounded-full text-ink-muted hover:bg-surface-hover hover:text-ink disabled:opacity-50"
                aria-label={`Remove role ${r} from ${user.email}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ userId: user.id, role: r as never })}
              >
                <span aria-hidden="true">×</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {mayAssign && offered.length ? (
        <form
          className="flex items-center gap-2"
          aria-label={`Grant a role to ${user.email}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (pick) assign.mutate({ userId: user.id, role: pick as never });
          }}
        >
          <label htmlFor={selectId} className="sr-only">
            Role to grant to {user.email}
          </label>
          <select
            id={selectId}
            className={`${inputClass.replace('h-11', 'h-8')} w-40 text-caption`}
            value={pick}
            onChange={(e) => setPick(e.target.value)}
          >
            <option value="">Add a role…</option>
            {offered.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="secondary" disabled={!pick} loading={assign.isPending}>
            Grant
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="text-caption text-danger">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
