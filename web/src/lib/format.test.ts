import { describe, expect, it } from 'vitest';
import { formatRelative } from './format';

const now = Date.parse('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(now - ms);
const MIN = 60_000;

describe('relative times in the mail list', () => {
  it('what just arrived reads "now"; then minutes, hours, "yesterday", weeks', () => {
    expect(formatRelative(ago(10_000), now, 'en')).toBe('now');
    expect(formatRelative(ago(50_000), now, 'en')).toBe('1 minute ago');
    expect(formatRelative(ago(5 * MIN), now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(ago(3 * 60 * MIN), now, 'en')).toBe('3 hours ago');
    expect(formatRelative(ago(26 * 60 * MIN), now, 'en')).toBe('yesterday');
    expect(formatRelative(ago(15 * 24 * 60 * MIN), now, 'en')).toBe('2 weeks ago');
  });

  it("speaks the viewer's language", () => {
    expect(formatRelative(ago(10_000), now, 'de')).toBe('jetzt');
    expect(formatRelative(ago(5 * MIN), now, 'de')).toBe('vor 5 Minuten');
  });
});
