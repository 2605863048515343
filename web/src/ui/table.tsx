import type { ReactNode } from 'react';
import { cx } from './cx';

/**
 * A data table that scrolls sideways on small screens instead of squashing its columns. The box is the
 * containing block of everything in the table, so screen-reader-only text (positioned absolutely) stays
 * inside it instead of widening the page.
 */
export function Table({
  caption,
  children,
  className,
}: {
  caption: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cx('relative overflow-x-auto rounded-card border border-line', className)}>
      <table className="w-full min-w-[36rem] border-collapse text-left text-body">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <th
      scope="col"
      className={cx(
        'border-b border-line bg-surface-raised px-4 py-2.5 text-caption font-semibold uppercase tracking-wide text-ink-muted',
        className,
      )}
    >
      {children}
    </th>
  );
}

export function Td({ children, className }: { children?: ReactNode; className?: string }) {
  return <td className={cx('border-b border-line px-4 py-3 align-top', className)}>{children}</td>;
}
