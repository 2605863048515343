import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isRole, type Role, roles } from '../../../../src/platform/kit/roles';
import { useTRPC } from '../../lib/trpc';
import { RoleBadge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { inputClass } from '../../ui/field';
import { useFormErrors } from '../auth/use-form-error';
import { useMe } from '../auth/use-me';
import { mayChangeRole, mayRemoveRole } from './role-rules';

interface Row {
  id: string;
  email: string;
  roles: string[];
}

/** A user's role badges, with remove buttons and a "grant" picker where the viewer may change them. */
export function UserRoles({ user }: { user: Row }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can, user: viewer } = useMe();
  // How many founders the channel has (2 means "more than one"): the last one cannot be removed.
  const founders = useQuery({
    ...trpc.users.list.queryOptions({ role: 'founder', limit: 2 }),
    enabled: can('roles.assignPrivileged'),
    select: (d) => d.users.length,
  });
  const rule = (role: Role) => ({ can, viewerId: viewer?.id, userId: user.id, role });
  const held = user.roles.filter(isRole);
  const offered = roles.filter((r) => !held.includes(r) && mayChangeRole(rule(r)));
  const [pick, setPick] = useState('');
  const [removing, setRemoving] = useState<Role | null>(null);

  const done = async () => {
    setPick('');
    await queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
  };
  const assign = useMutation(trpc.users.assignRole.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.users.removeRole.mutationOptions({ onSuccess: done }));
  const err = useFormErrors(assign.error, ['role']);
  const selectId = `grant-${user.id}`;

  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap items-center gap-1.5" aria-label={`Roles of ${user.email}`}>
        {held.length === 0 ? <li className="text-caption text-ink-faint">customer</li> : null}
        {held.map((r) => (
          <li key={r} className="inline-flex items-center gap-0.5">
            <RoleBadge name={r} />
            {mayRemoveRole({ ...rule(r), founders: founders.data }) ? (
              <button
                type="button"
                className="grid size-6 place-items-center rounded-full text-ink-muted hover:bg-surface-hover hover:text-ink"
                aria-label={`Remove role ${r} from ${user.email}`}
                onClick={() => setRemoving(r)}
              >
                <span aria-hidden="true">×</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {offered.length ? (
        <form
          className="flex flex-wrap items-center gap-2"
          aria-label={`Grant a role to ${user.email}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (isRole(pick)) assign.mutate({ userId: user.id, role: pick });
          }}
        >
          <label htmlFor={selectId} className="sr-only">
            Role to grant to {user.email}
          </label>
          <select
            id={selectId}
            className={`${inputClass.replace('h-11', 'h-8')} w-40 text-caption`}
            value={pick}
            aria-invalid={err.field('role') ? true : undefined}
            onChange={(e) => {
              setPick(e.target.value);
              err.changed('role');
            }}
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
      {(err.field('role') ?? err.form) ? (
        <p role="alert" className="text-caption text-danger">
          {err.field('role') ?? err.form}
        </p>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove the role ‘${removing}’ from ${user.email}?`}
        confirmLabel="Remove role"
        onConfirm={() => removing && remove.mutateAsync({ userId: user.id, role: removing })}
        onClose={() => setRemoving(null)}
      >
        They lose what the role lets them do at once, on every device. The change is written to the audit log,
        and the role can be granted again later.
      </ConfirmDialog>
    </div>
  );
}
