import type { ReactNode } from 'react';
import { cx } from './cx';

export type Tone = 'neutral' | 'brand' | 'ok' | 'warn' | 'danger' | 'info' | 'live';

const tones: Record<Tone, string> = {
  neutral: 'bg-surface-raised text-ink-muted border-line-strong',
  brand: 'bg-brand/15 text-brand border-brand/40',
  ok: 'bg-ok/10 text-ok border-ok/40',
  warn: 'bg-warn/10 text-warn border-warn/40',
  danger: 'bg-danger/10 text-danger border-danger/40',
  info: 'bg-info/10 text-info border-info/40',
  live: 'bg-live text-white border-live',
};

export function Badge({
  tone = 'neutral',
  children,
  className,
}: {
  tone?: Tone;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span
      className={cx(
        'inline-flex items-center gap-1 rounded-pill border px-2 py-0.5 text-caption font-semibold whitespace-nowrap',
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

const roleTones: Record<string, Tone> = {
  founder: 'brand',
  admin: 'danger',
  ops: 'warn',
  finance: 'ok',
  trust_safety: 'info',
  support: 'info',
  creator: 'brand',
  customer: 'neutral',
};

export function RoleBadge({ name }: { name: string }) {
  return <Badge tone={roleTones[name] ?? 'neutral'}>{name.replace('_', ' & ')}</Badge>;
}
