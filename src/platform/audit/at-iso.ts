import { sql } from 'drizzle-orm';
import { auditLog } from './schema';

/**
 * `at` exactly as hashed: recordAudit hashes `Date#toISOString()` (millisecond precision). Reading it
 * with microseconds in UTC, whatever the session time zone, makes the round trip exact, and a value
 * altered below the millisecond cannot hide behind rounding: it comes back with six digits and no longer
 * matches the hash.
 */
export const auditAtMicros = sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

export function isoFromMicros(s: string): string {
  return s.endsWith('000') ? `${s.slice(0, -3)}Z` : `${s}Z`;
}
