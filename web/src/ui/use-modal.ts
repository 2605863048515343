import { type KeyboardEvent, type MouseEvent, useEffect, useRef } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Drives a native <dialog> as a modal: shown with showModal() while `open` (the rest of the page goes
 * inert; Escape closes it; styles.css stops the page scrolling behind it), closed otherwise. Returns the
 * props for the <dialog>: a click on the backdrop closes it, and Tab wraps around inside it (a modal
 * dialog alone lets focus leave for the browser's own controls after its last element).
 */
export function useModal(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return {
    ref,
    // Escape, or close() from the effect above: tell the owner (a no-op when it already knows).
    onClose: () => {
      if (open) onClose();
    },
    // The dialog's content fills it, so a click whose target is the dialog itself landed on the backdrop.
    onClick: (e: MouseEvent<HTMLDialogElement>) => {
      if (e.target === e.currentTarget) onClose();
    },
    onKeyDown: (e: KeyboardEvent<HTMLDialogElement>) => {
      if (e.key !== 'Tab') return;
      const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        (el) => el.getClientRects().length > 0,
      );
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) return;
      if (e.shiftKey ? document.activeElement === first : document.activeElement === last) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    },
  };
}
