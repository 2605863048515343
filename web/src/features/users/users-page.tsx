import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isRole, type Role, roles } from '../../../../src/platform/kit/roles';
import { cursorPages } from '../../lib/cursor-pages';
import { useDateTime } from '../../lib/format';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { useDebounced } from '../../lib/use-debounced';
import type { Trpc } from '../../lib/web-module';
import { Button } from '../../ui/button';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field, Select } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading, ProgressBar } from '../../ui/spinner';
import { Table, Td, Th } from '../../ui/table';
import { useMe } from '../auth/use-me';
import { UserRoles } from './user-roles';

/** The accounts the users page lists (its route declares the unfiltered first page, for the server). */
export const usersQuery = (trpc: Trpc, search = '', role?: Role) =>
  cursorPages(trpc.users.list, { ...(search ? { search } : {}), ...(role ? { role } : {}), limit: 25 });

export function UsersPage() {
  const trpc = useTRPC();
  const formatDateTime = useDateTime();
  const { can } = useMe();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  // While a new search loads, the last list stays (and so does anything half-done in its rows).
  const users = useInfiniteQuery({
    ...usersQuery(trpc, useDebounced(search.trim()), isRole(role) ? role : undefined),
    placeholderData: keepPreviousData,
  });
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
                    <p className="font-semibold break-words">{u.displayName || '—'}</p>
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
