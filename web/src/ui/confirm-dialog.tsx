import { type ReactNode, useId, useState } from 'react';
import { errorMessage } from '../lib/trpc';
import { Button } from './button';
import { Alert } from './empty-state';
import { useModal } from './use-modal';

/**
 * Asks before something that cannot be undone. The question names what will happen; Cancel has the focus,
 * so Enter or Escape right away change nothing (showModal focuses the autofocus button). While the action runs the dialog stays open; if it fails,
 * the reason shows inside and the dialog stays, so the user can try again or cancel.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  open: boolean;
  /** The question: "Revoke the key ‘CI deploy’?" */
  title: string;
  /** What happens then: "Programs using it will stop working at once." */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => unknown;
  onClose: () => void;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const close = () => {
    if (busy) return;
    setError(undefined);
    onClose();
  };
  const modal = useModal(open, close);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      setBusy(false);
      onClose();
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
    }
  };
  return (
    <dialog
      {...modal}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-card border border-line-strong bg-surface p-0 text-ink shadow-2xl shadow-black/60 backdrop:bg-black/60"
    >
      <div className="space-y-3 p-5">
        <h2 id={`${id}-title`} className="text-title font-semibold break-words">
          {title}
        </h2>
        <div id={`${id}-body`} className="text-body text-ink-muted">
          {children}
        </div>
        {error ? <Alert>{error}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <Button variant="secondary" autoFocus onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger" loading={busy} onClick={confirm}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
