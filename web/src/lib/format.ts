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
