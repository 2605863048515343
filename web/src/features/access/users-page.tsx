import { useState } from 'react';
import { type Role, roles } from '../../../../src/platform/access/permissions';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/head';
import { errorMessage, useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useDebounced } from '../../lib/use-debounced';
import { Button } from '../../ui/button';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field, Select } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading, ProgressBar } from '../../ui/spinner';
import { Table, Td, Th } from '../../ui/table';
import { useMe } from '../auth/use-me';
import { UserRoles } from './user-roles';

export function UsersPage() {
  useTitle('Users & roles');
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { can } = useMe();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const q = useDebounced(search.trim());
  const input = { ...(q ? { search: q } : {}), ...(role ? { role: role as Role } : {}), limit: 25 };
  const users = useCursorPages(trpc.users.list.pathKey(), input, (i) => client.users.list.query(i));
  const rows = users.data?.pages.flatMap((p) => p.users) ?? [];

  return (
    <>
      <PageHeader
        title="Users & roles"
        lead={
          can('roles.assign')
            ? 'Find an account and grant or remove its roles. Every change is written to the audit log.'
            : 'Find an account and see its roles. Changing roles needs the roles.assign permission.'
        }
      />
      <search className="mb-5 grid gap-3 sm:grid-cols-[1fr_14rem]" aria-label="Filter users">
        <Field
          label="Search"
          type="search"
          placeholder="Email or name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select label="Role" value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">Any role</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </search>
      <div className="mb-3 h-1.5">
        {users.isFetching && !users.isPending ? <ProgressBar label="Updating list" /> : null}
      </div>
      {users.isPending ? (
        <Loading what="Loading users" />
      ) : users.error ? (
        <Alert>{errorMessage(users.error)}</Alert>
      ) : rows.length === 0 ? (
        <EmptyState title="No users match">Try another search or role.</EmptyState>
      ) : (
        <>
          <Table caption="Users">
            <thead>
              <tr>
                <Th>User</Th>
                <Th>Roles</Th>
                <Th>Joined</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id}>
                  <Td>
                    <p className="font-semibold">{u.displayName || '—'}</p>
                    <p className="break-all text-caption text-ink-muted">{u.email}</p>
                  </Td>
                  <Td>
                    <UserRoles user={u} />
                  </Td>
                  <Td className="whitespace-nowrap text-ink-muted">{formatDateTime(u.createdAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {users.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button
                variant="secondary"
                loading={users.isFetchingNextPage}
                onClick={() => users.fetchNextPage()}
              >
                Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
