import { Outlet } from 'react-router';
import { RequirePermission, RequireSignIn } from '../features/auth/guards';
import { PasswordBanner } from '../features/auth/password-banner';
import { useMe } from '../features/auth/use-me';
import { UserMenu } from '../features/auth/user-menu';
import { AppShell, type NavItem } from '../ui/page';

/** Console sections and the permission each needs; the nav lists only those the user may open. */
export const consoleSections: Array<NavItem & { permission: string; description: string }> = [
  { to: '/console', label: 'Overview', end: true, permission: 'console.access', description: '' },
  {
    to: '/console/users',
    label: 'Users & roles',
    permission: 'users.read',
    description: 'Find accounts and grant or remove their roles.',
  },
  {
    to: '/console/audit',
    label: 'Audit log',
    permission: 'audit.read',
    description: 'Every privileged action, hash-chained so tampering shows.',
  },
  {
    to: '/console/jobs',
    label: 'Jobs',
    permission: 'jobs.read',
    description: 'Background queues, failed and dead jobs, retries.',
  },
];

export function ConsoleLayout() {
  const { me, can } = useMe();
  return (
    <AppShell
      surface="Console"
      brandTo="/console"
      channelName={me?.channel.name ?? 'Live Shopping Network'}
      nav={consoleSections.filter((s) => can(s.permission))}
      actions={<UserMenu />}
      banner={<PasswordBanner />}
    >
      <RequireSignIn>
        <RequirePermission permission="console.access">
          <Outlet />
        </RequirePermission>
      </RequireSignIn>
    </AppShell>
  );
}
