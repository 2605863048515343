import type { ReactNode } from 'react';

export function AuthCard({
  title,
  lead,
  children,
  footer,
}: {
  title: string;
  lead: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md">
      <div className="rounded-[1.25rem] border border-line bg-surface p-6 shadow-2xl shadow-black/40 md:p-8">
        <h1 className="text-headline font-bold tracking-tight">{title}</h1>
        <p className="mt-1 text-body text-ink-muted">{lead}</p>
        <div className="mt-6">{children}</div>
      </div>
      <p className="mt-5 text-center text-body text-ink-muted">{footer}</p>
    </div>
  );
}

export function OrDivider() {
  return (
    <div className="my-5 flex items-center gap-3 text-caption uppercase tracking-widest text-ink-faint">
      <span className="h-px flex-1 bg-line" />
      or
      <span className="h-px flex-1 bg-line" />
    </div>
  );
}
