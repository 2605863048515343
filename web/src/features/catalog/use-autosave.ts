import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../lib/trpc';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string; error: unknown };

/**
 * Saves as you go: changes gather into one patch and go to the server `delayMs` after the last one (or at
 * once on flush, e.g. when a field loses focus). One save runs at a time; changes made meanwhile follow in
 * the next. The state says what the person needs to know: saving, saved, or why it could not save.
 */
export function useAutosave<P extends object>(save: (patch: P) => Promise<unknown>, delayMs = 800) {
  const pending = useRef<Partial<P>>({});
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const running = useRef<Promise<unknown> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (running.current) await running.current.catch(() => {});
    const patch = pending.current;
    if (!Object.keys(patch).length) return;
    pending.current = {};
    setState({ kind: 'saving' });
    running.current = saveRef.current(patch as P);
    try {
      await running.current;
      setState(Object.keys(pending.current).length ? { kind: 'saving' } : { kind: 'saved', at: new Date() });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error), error });
    } finally {
      running.current = null;
    }
  }, []);

  const change = useCallback(
    (patch: Partial<P>) => {
      pending.current = { ...pending.current, ...patch };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  return { state, change, flush };
}
