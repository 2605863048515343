import { Link } from 'react-router';
import { useMe } from '../features/auth/use-me';
import { navByArea } from '../lib/web-module';
import { webModules } from '../modules';
import { RoleBadge } from '../ui/badge';
import { Card } from '../ui/card';
import { PageHeader } from '../ui/page';

/** The console's overview: every section the viewer may open, by area, with what it is for. */
export function ConsoleHomePage() {
  const { me, can } = useMe();
  const groups = navByArea(webModules, 'console', can);
  return (
    <>
      <PageHeader
        title="Staff console"
        lead={
          <>
            Running {me?.channel.name}. Your roles:{' '}
            <span className="inline-flex flex-wrap gap-1 align-middle">
              {me?.roles.map((r) => (
                <RoleBadge key={r} name={r} />
              ))}
            </span>
          </>
        }
      />
      {groups.length ? (
        <div className="space-y-8">
          {groups.map((g) => (
            <section key={g.area} aria-labelledby={`area-${g.area}`}>
              <h2 id={`area-${g.area}`} className="mb-3 text-title font-semibold">
                {g.area}
              </h2>
              <ul className="grid gap-4 md:grid-cols-3">
                {g.entries.map((s) => (
                  <li key={s.to}>
                    <Card className="relative h-full transition-colors hover:border-line-strong hover:bg-surface-raised">
                      <h3 className="text-body font-semibold">
                        <Link to={s.to} className="after:absolute after:inset-0 after:content-['']">
                          {s.label}
                        </Link>
                      </h3>
                      <p className="mt-2 text-body text-ink-muted">{s.description}</p>
                    </Card>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : (
        <p className="text-body text-ink-muted">Your roles do not open any console sections yet.</p>
      )}
    </>
  );
}
