import { type ReactNode, useEffect, useId, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { Brand, Footer, type NavItem, navLinkClass, SkipLink } from './page';
import { useModal } from './use-modal';

export interface NavGroup {
  /** Shown above the group's links; the first group (the surface's home) has none. */
  heading?: string;
  items: NavItem[];
}

function NavLinks({
  items,
  labelledBy,
  onNavigate,
}: {
  items: NavItem[];
  labelledBy?: string;
  onNavigate?: () => void;
}) {
  return (
    <ul aria-labelledby={labelledBy} className="space-y-0.5">
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.end} className={navLinkClass} onClick={onNavigate}>
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

function SideNav({
  label,
  groups,
  elsewhere,
  onNavigate,
}: {
  label: string;
  groups: NavGroup[];
  elsewhere: NavItem[];
  onNavigate?: () => void;
}) {
  const id = useId();
  return (
    <div className="space-y-6">
      <nav aria-label={label} className="space-y-5">
        {groups.map((group, i) => (
          <div key={group.heading ?? i}>
            {group.heading ? (
              <p
                id={`${id}-${i}`}
                className="px-3 pb-1 text-caption font-semibold uppercase tracking-widest text-ink-faint"
              >
                {group.heading}
              </p>
            ) : null}
            <NavLinks
              items={group.items}
              labelledBy={group.heading ? `${id}-${i}` : undefined}
              onNavigate={onNavigate}
            />
          </div>
        ))}
      </nav>
      {elsewhere.length ? (
        <nav aria-labelledby={`${id}-elsewhere`} className="border-t border-line pt-4">
          <p
            id={`${id}-elsewhere`}
            className="px-3 pb-1 text-caption font-semibold uppercase tracking-widest text-ink-faint"
          >
            Elsewhere
          </p>
          <NavLinks items={elsewhere} onNavigate={onNavigate} />
        </nav>
      ) : null}
    </div>
  );
}

function MenuIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M4 6h16M4 12h16M4 18h16" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The studio's and console's frame: a header, a sidebar of grouped links from 768 px up, and below that
 * the same links in a drawer (a modal <dialog>) behind a menu button. The drawer closes on Escape, on the
 * backdrop, on its close button, when a link is followed and when the window grows past 768 px.
 */
export function SidebarShell({
  surface,
  brandTo,
  channelName,
  groups,
  elsewhere,
  actions,
  banner,
  children,
}: {
  surface: string;
  brandTo: string;
  channelName: string;
  groups: NavGroup[];
  elsewhere: NavItem[];
  actions?: ReactNode;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const modal = useModal(open, close);
  const drawerId = useId();
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a navigation closes the drawer
  useEffect(close, [pathname]);
  useEffect(() => {
    const wide = window.matchMedia('(min-width: 768px)');
    const onChange = () => wide.matches && setOpen(false);
    wide.addEventListener('change', onChange);
    return () => wide.removeEventListener('change', onChange);
  }, []);
  const label = `${surface} navigation`;

  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="sticky top-0 z-40 border-b border-line bg-canvas/85 backdrop-blur-md">
        <div className="flex h-14 items-center gap-3 px-gutter">
          <button
            type="button"
            className="-ml-2 grid size-10 shrink-0 place-items-center rounded-control text-ink-muted hover:bg-surface-hover hover:text-ink md:hidden"
            aria-haspopup="dialog"
            aria-expanded={open}
            aria-controls={drawerId}
            onClick={() => setOpen(true)}
          >
            <MenuIcon />
            <span className="sr-only">Menu</span>
          </button>
          <Brand to={brandTo} channelName={channelName} surface={surface} />
          <div className="ml-auto flex shrink-0 items-center gap-2">{actions}</div>
        </div>
        {banner}
      </header>
      <div className="flex flex-1">
        <aside className="hidden w-60 shrink-0 border-r border-line md:block">
          <div className="sticky top-14 max-h-[calc(100dvh-3.5rem)] overflow-y-auto p-3">
            <SideNav label={label} groups={groups} elsewhere={elsewhere} />
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <main
            id="main"
            tabIndex={-1}
            className="mx-auto w-full max-w-page flex-1 px-gutter py-8 focus:outline-none"
          >
            {children}
          </main>
          <Footer channelName={channelName} />
        </div>
      </div>
      <dialog
        {...modal}
        id={drawerId}
        aria-label={`${surface} menu`}
        className="inset-y-0 right-auto left-0 m-0 h-dvh max-h-none w-[min(20rem,85vw)] max-w-none border-r border-line-strong bg-surface p-0 text-ink backdrop:bg-black/60"
      >
        <div className="flex h-full flex-col">
          <div className="flex h-14 shrink-0 items-center justify-between border-b border-line px-4">
            <span className="font-semibold">{surface}</span>
            <button
              type="button"
              className="grid size-10 place-items-center rounded-control text-ink-muted hover:bg-surface-hover hover:text-ink"
              onClick={close}
            >
              <span aria-hidden="true" className="text-title">
                ×
              </span>
              <span className="sr-only">Close menu</span>
            </button>
          </div>
          <div className="flex-1 overflow-y-auto p-3">
            <SideNav label={label} groups={groups} elsewhere={elsewhere} onNavigate={close} />
          </div>
        </div>
      </dialog>
    </div>
  );
}
