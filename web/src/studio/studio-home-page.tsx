import { useMe } from '../features/auth/use-me';
import { ButtonLink } from '../ui/button';
import { Card } from '../ui/card';
import { EmptyState } from '../ui/empty-state';
import { PageHeader } from '../ui/page';

export function StudioHomePage() {
  const { user, me } = useMe();
  return (
    <>
      <PageHeader
        title={`Welcome to your studio${user?.displayName ? `, ${user.displayName}` : ''}`}
        lead={`Plan shows, go live and follow your sales on ${me?.channel.name ?? 'the channel'}.`}
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="shows-h">
          <h2 id="shows-h" className="mb-3 text-title font-semibold">
            Your shows
          </h2>
          <EmptyState title="No shows yet">
            Scheduling and going live arrive with live video. Your shows, their replays and their sales will
            be listed here.
          </EmptyState>
        </section>
        <Card aria-labelledby="tools-h">
          <h2 id="tools-h" className="text-title font-semibold">
            Tools
          </h2>
          <p className="mt-2 text-body text-ink-muted">
            Connect your own tools to the channel with an API key scoped to what they need.
          </p>
          <ButtonLink to="/account/api-keys" variant="secondary" className="mt-4">
            Manage API keys
          </ButtonLink>
        </Card>
      </div>
    </>
  );
}
