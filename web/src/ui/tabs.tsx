import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';
import { cx } from './cx';

export interface Tab<K extends string> {
  key: K;
  label: string;
}

/**
 * A tab list (WAI-ARIA tabs pattern): one tab in the Tab order, arrow keys, Home and End move between
 * tabs and show the one they reach. The caller renders the panel with `panelProps(key)`.
 */
export function useTabs<K extends string>(
  label: string,
  tabs: readonly Tab<K>[],
  selected: K,
  onSelect: (key: K) => void,
) {
  const id = useId();
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.key === selected);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    const key = tabs[next]!.key;
    onSelect(key);
    refs.current.get(key)?.focus();
  };
  const list: ReactNode = (
    <div role="tablist" aria-label={label} className="flex gap-1 border-b border-line" onKeyDown={move}>
      {tabs.map((t) => {
        const on = t.key === selected;
        return (
          <button
            key={t.key}
            ref={(el) => {
              if (el) refs.current.set(t.key, el);
              else refs.current.delete(t.key);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.key}`}
            aria-selected={on}
            aria-controls={`${id}-panel-${t.key}`}
            tabIndex={on ? 0 : -1}
            onClick={() => onSelect(t.key)}
            className={cx(
              '-mb-px rounded-t-control border-b-2 px-3 py-2 text-body font-semibold transition-colors',
              on ? 'border-brand text-ink' : 'border-transparent text-ink-muted hover:text-ink',
            )}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
  const panelProps = (key: K) => ({
    role: 'tabpanel' as const,
    id: `${id}-panel-${key}`,
    'aria-labelledby': `${id}-tab-${key}`,
    hidden: key !== selected,
  });
  return { list, panelProps };
}
