import { type InputHTMLAttributes, type ReactNode, useId } from 'react';
import { cx } from './cx';

export const inputClass =
  'block w-full h-11 rounded-control border bg-surface px-3 text-body text-ink placeholder:text-ink-faint ' +
  'border-line-strong hover:border-ink-faint focus-visible:outline-2 focus-visible:outline-focus focus-visible:outline-offset-1 ' +
  'aria-[invalid=true]:border-danger disabled:opacity-60';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** The server's (or the form's) message about this field, shown under it and announced. */
  error?: string;
  hint?: ReactNode;
  id?: string;
}

/** A labelled input with its hint and error wired up for screen readers. */
export function Field({ label, error, hint, id, className, ...rest }: FieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={cx('space-y-1.5', className)}>
      <label
        htmlFor={inputId}
        className="block text-caption font-semibold uppercase tracking-wide text-ink-muted"
      >
        {label}
      </label>
      <input
        id={inputId}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...rest}
      />
      {hint ? (
        <p id={hintId} className="text-caption text-ink-faint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="text-caption font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Checkbox({
  label,
  description,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label: string; description?: string }) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 accent-brand focus-visible:outline-2 focus-visible:outline-focus"
        aria-describedby={description ? `${id}-d` : undefined}
        {...rest}
      />
      <label htmlFor={id} className="text-body">
        <span className="font-medium">{label}</span>
        {description ? (
          <span id={`${id}-d`} className="block text-caption text-ink-faint">
            {description}
          </span>
        ) : null}
      </label>
    </div>
  );
}

/** A labelled native select (native keeps keyboard and screen-reader behaviour right on every device). */
export function Select({
  label,
  children,
  className,
  ...rest
}: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string }) {
  const id = useId();
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-caption font-semibold uppercase tracking-wide text-ink-muted">
        {label}
      </label>
      <select id={id} className={cx(inputClass, 'pr-8')} {...rest}>
        {children}
      </select>
    </div>
  );
}
