import type { SaveState } from './use-autosave';

/** "Saving…", "Saved", or what went wrong: announced politely, never stealing focus. */
export function SaveStatus({ state, what }: { state: SaveState; what: string }) {
  const text =
    state.kind === 'saving'
      ? `Saving ${what}…`
      : state.kind === 'saved'
        ? `${what[0]!.toUpperCase()}${what.slice(1)} saved`
        : state.kind === 'error'
          ? `Not saved: ${state.message}`
          : '';
  return (
    <p
      role="status"
      aria-live="polite"
      className={`min-h-5 text-caption ${state.kind === 'error' ? 'font-medium text-danger' : 'text-ink-muted'}`}
    >
      {text}
    </p>
  );
}
