import { cx } from './cx';

/** A spinning ring. `label` is read to screen readers; pass "" when a nearby text already says it. */
export function Spinner({ size = 'md', label = 'Loading' }: { size?: 'sm' | 'md' | 'lg'; label?: string }) {
  const dim = size === 'sm' ? 'size-4' : size === 'lg' ? 'size-10' : 'size-6';
  return (
    <span role={label ? 'status' : undefined} className="inline-flex items-center">
      <span
        aria-hidden="true"
        className={cx(
          dim,
          'inline-block animate-spin rounded-full border-2 border-current border-t-transparent',
        )}
      />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}

/** Page-level loading state: centred, with words, so it is never a blank screen. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-3 py-16 text-ink-muted">
      <Spinner label="" />
      <span>{what}…</span>
    </div>
  );
}

/** Determinate progress when we know how far along long work is, indeterminate otherwise. */
export function ProgressBar({ value, label }: { value?: number; label: string }) {
  const known = typeof value === 'number';
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? Math.round(value) : undefined}
      className="h-1.5 w-full overflow-hidden rounded-pill bg-surface-raised"
    >
      <div
        className={cx(
          'h-full rounded-pill bg-gradient-to-r from-brand to-brand-violet',
          !known && 'w-1/3 animate-pulse',
        )}
        style={known ? { width: `${Math.max(0, Math.min(100, value))}%` } : undefined}
      />
    </div>
  );
}
