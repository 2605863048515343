import type { ReactNode } from 'react';

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="rounded-card border border-dashed border-line-strong px-6 py-10 text-center">
      <p className="text-title font-semibold">{title}</p>
      {children ? <div className="mx-auto mt-2 max-w-md text-body text-ink-muted">{children}</div> : null}
      {action ? <div className="mt-5 flex justify-center">{action}</div> : null}
    </div>
  );
}

/** A message box for a failed request or a form-wide error; `role=alert` announces it. */
export function Alert({
  tone = 'danger',
  title,
  children,
}: {
  tone?: 'danger' | 'info' | 'ok';
  title?: string;
  children: ReactNode;
}) {
  const colors =
    tone === 'danger'
      ? 'border-danger/50 bg-danger/10 text-ink'
      : tone === 'ok'
        ? 'border-ok/50 bg-ok/10 text-ink'
        : 'border-info/50 bg-info/10 text-ink';
  return (
    <div
      role={tone === 'danger' ? 'alert' : 'status'}
      className={`rounded-control border px-4 py-3 text-body ${colors}`}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      <div>{children}</div>
    </div>
  );
}
