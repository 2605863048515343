import { Link } from 'react-router';
import { useMe } from '../features/auth/use-me';
import { useTitle } from '../lib/head';
import { RoleBadge } from '../ui/badge';
import { Card } from '../ui/card';
import { PageHeader } from '../ui/page';
import { consoleSections } from './console-layout';

export function ConsoleHomePage() {
  useTitle('Console');
  const { me, can } = useMe();
  const sections = consoleSections.filter((s) => s.description && can(s.permission));
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
      {sections.length ? (
        <ul className="grid gap-4 md:grid-cols-3">
          {sections.map((s) => (
            <li key={s.to}>
              <Card className="relative h-full transition-colors hover:border-line-strong hover:bg-surface-raised">
                <h2 className="text-title font-semibold">
                  <Link to={s.to} className="after:absolute after:inset-0 after:content-['']">
                    {s.label}
                  </Link>
                </h2>
                <p className="mt-2 text-body text-ink-muted">{s.description}</p>
              </Card>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-body text-ink-muted">Your roles do not open any console sections yet.</p>
      )}
    </>
  );
}
