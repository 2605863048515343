import { useMe } from '../features/auth/use-me';
import { ButtonLink } from '../ui/button';
import { Card } from '../ui/card';
import { EmptyState } from '../ui/empty-state';

export function HomePage() {
  const { me, user, can } = useMe();
  const channel = me?.channel.name ?? 'Live Shopping Network';
  return (
    <div className="space-y-section">
      <section
        aria-labelledby="hero-title"
        className="relative overflow-hidden rounded-[1.5rem] border border-line bg-surface px-6 py-12 md:px-12 md:py-20"
      >
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -right-24 -top-24 size-80 rounded-full bg-brand/25 blur-3xl"
        />
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -bottom-32 -left-16 size-96 rounded-full bg-brand-violet/20 blur-3xl"
        />
        <div className="relative max-w-2xl">
          <p className="text-caption font-semibold uppercase tracking-[0.2em] text-brand">
            Shop it while it's live
          </p>
          <h1
            id="hero-title"
            className="mt-3 text-[2.25rem] font-black leading-[1.05] tracking-tight md:text-display"
          >
            {channel}
          </h1>
          <p className="mt-4 text-title font-normal text-ink-muted">
            Watch creators show the product, ask them anything in chat, and buy in one tap without leaving the
            stream.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            {user ? (
              <>
                <ButtonLink to="/account" size="lg">
                  Welcome back, {user.displayName || user.email}
                </ButtonLink>
                {can('studio.access') ? (
                  <ButtonLink to="/studio" size="lg" variant="secondary">
                    Open your studio
                  </ButtonLink>
                ) : null}
                {can('console.access') ? (
                  <ButtonLink to="/console" size="lg" variant="secondary">
                    Open the console
                  </ButtonLink>
                ) : null}
              </>
            ) : (
              <>
                <ButtonLink to="/signup" size="lg">
                  Create your account
                </ButtonLink>
                <ButtonLink to="/signin" size="lg" variant="secondary">
                  Sign in
                </ButtonLink>
              </>
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby="live-title">
        <div className="mb-4 flex items-center gap-3">
          <h2 id="live-title" className="text-headline font-bold">
            Live now &amp; upcoming
          </h2>
        </div>
        <EmptyState title="Nothing is on air right now">
          When a creator on {channel} schedules a show it appears here, and the moment they go live you can
          join from this page.
        </EmptyState>
      </section>

      <section aria-labelledby="how-title">
        <h2 id="how-title" className="mb-4 text-headline font-bold">
          How it works
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {[
            ['Watch', 'Creators demo products on a live stream you can watch on any device.'],
            ['Ask', 'Chat with the host and other shoppers while the show is on.'],
            ['Buy', 'Tap the pinned product to buy it at the show price, while stock lasts.'],
          ].map(([title, text]) => (
            <li key={title}>
              <Card className="h-full">
                <h3 className="text-title font-semibold">{title}</h3>
                <p className="mt-2 text-body text-ink-muted">{text}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
