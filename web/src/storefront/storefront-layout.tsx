import { Outlet } from 'react-router';
import { PasswordBanner } from '../features/auth/password-banner';
import { surfaceLinks } from '../features/auth/surface-nav';
import { useMe } from '../features/auth/use-me';
import { UserMenu } from '../features/auth/user-menu';
import { AppShell } from '../ui/page';

export function StorefrontLayout() {
  const { me, user, can } = useMe();
  return (
    <AppShell
      channelName={me?.channel.name ?? 'Live Shopping Network'}
      nav={surfaceLinks(can, Boolean(user))}
      actions={<UserMenu />}
      banner={<PasswordBanner />}
    >
      <Outlet />
    </AppShell>
  );
}
