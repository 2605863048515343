import { Outlet } from 'react-router';
import { RequirePermission, RequireSignIn } from './features/auth/guards';
import { PasswordBanner } from './features/auth/password-banner';
import { surfaceLinks } from './features/auth/surface-nav';
import { useMe } from './features/auth/use-me';
import { UserMenu } from './features/auth/user-menu';
import type { Permission } from './lib/permission';
import { navByArea } from './lib/web-module';
import { webModules } from './modules';
import { SidebarShell } from './ui/sidebar-shell';

const surfaces = {
  console: { name: 'Console', home: '/console', homeLabel: 'Overview', access: 'console.access' },
  studio: { name: 'Studio', home: '/studio', homeLabel: 'Home', access: 'studio.access' },
} as const satisfies Record<string, { name: string; home: string; homeLabel: string; access: Permission }>;

/**
 * The console's and the studio's layout: the sidebar lists the surface's home, then every module's nav
 * entry the viewer may open, grouped by area; areas with nothing to open are left out.
 */
export function SurfaceLayout({ surface }: { surface: keyof typeof surfaces }) {
  const { me, user, can } = useMe();
  const s = surfaces[surface];
  const groups = can(s.access)
    ? [
        { items: [{ to: s.home, label: s.homeLabel, end: true }] },
        ...navByArea(webModules, surface, can).map((g) => ({ heading: g.area, items: g.entries })),
      ]
    : [];
  return (
    <SidebarShell
      surface={s.name}
      brandTo={s.home}
      channelName={me?.channel.name ?? 'Live Shopping Network'}
      groups={groups}
      elsewhere={surfaceLinks(can, Boolean(user)).filter((l) => l.to !== s.home)}
      actions={<UserMenu />}
      banner={<PasswordBanner />}
    >
      <RequireSignIn>
        <RequirePermission permission={s.access}>
          <Outlet />
        </RequirePermission>
      </RequireSignIn>
    </SidebarShell>
  );
}
