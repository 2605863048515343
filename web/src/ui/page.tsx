import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { cx } from './cx';

export interface NavItem {
  to: string;
  label: string;
  /** Exact match only (for index routes like /console). */
  end?: boolean;
}

export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-control focus:bg-brand-strong focus:px-4 focus:py-2 focus:font-semibold focus:text-white"
    >
      Skip to content
    </a>
  );
}

/** The logo and channel name (the name only from 640 px up), plus the surface's badge. */
export function Brand({ to, channelName, surface }: { to: string; channelName: string; surface?: string }) {
  return (
    <Link
      to={to}
      className="flex min-w-0 shrink-0 items-center gap-2 rounded-control font-bold tracking-tight"
    >
      <span
        aria-hidden="true"
        className="grid size-8 shrink-0 place-items-center rounded-control bg-gradient-to-br from-brand to-brand-violet"
      >
        <span className="size-2.5 rounded-full bg-white" />
      </span>
      <span className="sr-only sm:not-sr-only sm:truncate">{channelName}</span>
      {surface ? (
        <span className="rounded-pill border border-line-strong px-2 py-0.5 text-caption font-semibold text-ink-muted">
          {surface}
        </span>
      ) : null}
    </Link>
  );
}

export const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    'block rounded-control px-3 py-2 text-body font-medium transition-colors',
    isActive ? 'bg-surface-raised text-ink' : 'text-ink-muted hover:bg-surface-hover hover:text-ink',
  );

export function Footer({ channelName }: { channelName: string }) {
  return (
    <footer className="border-t border-line">
      <div className="mx-auto flex max-w-page flex-wrap items-center justify-between gap-2 px-gutter py-6 text-caption text-ink-faint">
        <span>© {channelName}</span>
        <a className="underline-offset-4 hover:text-ink hover:underline" href="/docs">
          API reference
        </a>
      </div>
    </footer>
  );
}

/**
 * The storefront's frame: skip link, header (banner) with the primary nav, main, footer.
 * On phones the nav takes its own row under the logo and actions and wraps, so no link is cut off.
 */
export function AppShell({
  channelName,
  nav,
  actions,
  banner,
  children,
}: {
  channelName: string;
  nav: NavItem[];
  actions?: ReactNode;
  banner?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="sticky top-0 z-40 border-b border-line bg-canvas/85 backdrop-blur-md">
        <div className="mx-auto flex max-w-page flex-wrap items-center gap-x-4 gap-y-2 px-gutter py-3">
          <Brand to="/" channelName={channelName} />
          <nav
            aria-label="Storefront navigation"
            className="order-last w-full md:order-none md:w-auto md:flex-1"
          >
            <ul className="-mx-3 flex flex-wrap items-center gap-1 md:mx-0">
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className={navLinkClass}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex shrink-0 items-center gap-2 md:ml-0">{actions}</div>
        </div>
        {banner}
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-page flex-1 px-gutter py-8 focus:outline-none"
      >
        {children}
      </main>
      <Footer channelName={channelName} />
    </div>
  );
}

/** A page's heading block: title, optional lead and actions. Every page has exactly one h1. */
export function PageHeader({
  title,
  lead,
  actions,
}: {
  title: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-8 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-headline font-bold tracking-tight break-words md:text-[2rem]">{title}</h1>
        {lead ? <p className="mt-2 max-w-2xl text-body text-ink-muted">{lead}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
