import type { ReactNode } from 'react';
import { Alert } from '../ui/empty-state';

/**
 * "Check your email": what a form that sends a link shows once it is sent. It names the address, so a
 * typo shows at once, and offers to send again (the same request, answered alike).
 */
export function CheckEmail({
  email,
  children,
  resend,
  resent,
  resending,
  error,
}: {
  email: string;
  children: ReactNode;
  resend: () => void;
  resent: boolean;
  resending: boolean;
  error?: string;
}) {
  return (
    <div className="space-y-4" aria-live="polite">
      <p className="text-body">
        We sent an email to <strong className="break-all font-semibold">{email}</strong>.
      </p>
      <div className="space-y-2 text-body text-ink-muted">{children}</div>
      {error ? <Alert>{error}</Alert> : null}
      {resent && !error ? <Alert tone="ok">Sent again.</Alert> : null}
      <p className="text-body text-ink-muted">
        Nothing after a few minutes? Check your spam folder, or{' '}
        <button
          type="button"
          className="font-semibold text-brand underline-offset-4 hover:underline disabled:opacity-60"
          onClick={resend}
          disabled={resending}
        >
          {resending ? 'sending…' : 'send it again'}
        </button>
        .
      </p>
    </div>
  );
}
