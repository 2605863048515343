import { NavLink, Outlet } from 'react-router';
import { RequireSignIn } from '../features/auth/guards';
import { cx } from '../ui/cx';

const tabs = [
  { to: '/account', label: 'Profile & password', end: true },
  { to: '/account/passkeys', label: 'Passkeys' },
  { to: '/account/sessions', label: 'Sessions' },
  { to: '/account/api-keys', label: 'API keys' },
];

export function AccountLayout() {
  return (
    <RequireSignIn>
      <div className="grid gap-8 md:grid-cols-[13rem_1fr]">
        <nav aria-label="Account sections" className="-mx-1 overflow-x-auto md:mx-0">
          <ul className="flex gap-1 px-1 md:flex-col md:px-0">
            {tabs.map((t) => (
              <li key={t.to}>
                <NavLink
                  to={t.to}
                  end={t.end}
                  className={({ isActive }) =>
                    cx(
                      'block whitespace-nowrap rounded-control px-3 py-2 text-body font-medium',
                      isActive
                        ? 'bg-surface-raised text-ink'
                        : 'text-ink-muted hover:bg-surface-hover hover:text-ink',
                    )
                  }
                >
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
