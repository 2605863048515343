import { NavLink, Outlet } from 'react-router';
import { RequireSignIn } from '../features/auth/guards';
import { useMe } from '../features/auth/use-me';
import { webModules } from '../modules';
import { navLinkClass } from '../ui/page';

/** The account pages: their tabs come from the modules' `account` nav entries the viewer may open. */
export function AccountLayout() {
  const { can } = useMe();
  const tabs = webModules.flatMap((m) => m.nav).filter((n) => n.surface === 'account' && can(n.permission));
  return (
    <RequireSignIn>
      <div className="grid gap-8 md:grid-cols-[13rem_1fr]">
        <nav aria-label="Account sections">
          <ul className="-mx-3 flex flex-wrap gap-1 md:mx-0 md:flex-col">
            {tabs.map((t) => (
              <li key={t.to}>
                <NavLink to={t.to} end={t.end} className={navLinkClass}>
                  {t.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0">
          <Outlet />
        </div>
      </div>
    </RequireSignIn>
  );
}
