import { Outlet } from 'react-router';
import { RequirePermission, RequireSignIn } from '../features/auth/guards';
import { PasswordBanner } from '../features/auth/password-banner';
import { useMe } from '../features/auth/use-me';
import { UserMenu } from '../features/auth/user-menu';
import { AppShell } from '../ui/page';

export function StudioLayout() {
  const { me } = useMe();
  return (
    <AppShell
      surface="Studio"
      brandTo="/studio"
      channelName={me?.channel.name ?? 'Live Shopping Network'}
      nav={[
        { to: '/studio', label: 'Home', end: true },
        { to: '/', label: 'Storefront', end: true },
      ]}
      actions={<UserMenu />}
      banner={<PasswordBanner />}
    >
      <RequireSignIn>
        <RequirePermission permission="studio.access">
          <Outlet />
        </RequirePermission>
      </RequireSignIn>
    </AppShell>
  );
}
