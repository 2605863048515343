import { useSyncExternalStore } from 'react';

type DateValue = string | Date | null | undefined;

/** Dates as the viewer's locale and zone show them (`local`), or in UTC in a fixed locale. */
function formatDateTime(value: DateValue, local: boolean): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  if (local) return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `${d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}

const noSubscription = () => () => {};

/**
 * A date formatter for rendering. The server knows neither the viewer's zone nor their locale, so the server
 * and the browser's first (hydrating) render both write UTC; right after hydration the browser switches to
 * the viewer's own. Pages the browser renders itself (after a navigation) show local time at once.
 */
export function useDateTime(): (value: DateValue) => string {
  const local = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (value) => formatDateTime(value, local);
}

/** A short description of a browser from its user-agent string. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /node|undici|curl/i.test(ua)
            ? 'Script'
            : 'Browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}

const MINUTE = 60_000;
const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 60 * MINUTE],
  ['month', 30 * 24 * 60 * MINUTE],
  ['week', 7 * 24 * 60 * MINUTE],
  ['day', 24 * 60 * MINUTE],
  ['hour', 60 * MINUTE],
  ['minute', MINUTE],
];

/** "3 minutes ago", "yesterday", "now" in the viewer's locale (a minute at least, under 45 s is now). */
export function formatRelative(then: Date, now: number, locale?: string): string {
  const diff = then.getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(diff) < 45_000) return rtf.format(0, 'second');
  const [unit, ms] = units.find(([, ms]) => Math.abs(diff) >= ms) ?? ['minute', MINUTE];
  return rtf.format(Math.round(diff / ms), unit);
}

const TICK_MS = 30_000;
const subscribeTick = (onTick: () => void) => {
  const t = setInterval(onTick, TICK_MS);
  return () => clearInterval(t);
};

/**
 * How long ago something happened, kept current. The server (and the hydrating render) cannot know the
 * viewer's clock, zone or locale, so they write the UTC date; right after hydration it becomes relative.
 * Returns the text and the full date for a tooltip.
 */
export function useRelativeTime(): (value: string | Date) => { text: string; full: string } {
  const now = useSyncExternalStore(
    subscribeTick,
    () => Math.floor(Date.now() / TICK_MS) * TICK_MS,
    () => 0,
  );
  return (value) => {
    const d = typeof value === 'string' ? new Date(value) : value;
    const full = formatDateTime(d, now !== 0);
    if (now === 0 || Number.isNaN(d.getTime())) return { text: full, full };
    // The tick is rounded down; use the real clock so "just now" is right for what just arrived.
    return { text: formatRelative(d, Math.max(now, Date.now())), full };
  };
}
