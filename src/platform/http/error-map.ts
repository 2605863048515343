import { type ZodError, z } from 'zod';
import type { $ZodRawIssue } from 'zod/v4/core';

/**
 * One error map: input problems read as sentences that say what to do, worded by what the field is
 * ("Enter your email address", "Use at least 12 characters"), never by the schema's mechanics ("Too
 * small: expected string to have >=12 characters"). Installed once as zod's global error map (below), so
 * every schema speaks this way: tRPC and REST answers, forms in the web app, even configuration errors.
 * A schema's own message (`.regex(re, '...')`) still wins.
 */

/** People's words for field names: what a form asks someone to enter or choose. */
const fieldWords: Record<string, string> = {
  email: 'your email address',
  password: 'a password',
  currentPassword: 'your current password',
  newPassword: 'a new password',
  displayName: 'a name',
  name: 'a name',
  scopes: 'at least one scope',
  role: 'a role',
  search: 'something to search for',
  actorEmail: 'an email address',
  actorId: 'a user id',
  userId: 'a user',
  sessionId: 'a session',
  queue: 'a queue',
};

/** What a field is, in people's words: the last name in its path ("subjectType" → "the subject type"). */
export function fieldWord(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (!key) return 'a value';
  return fieldWords[key] ?? `the ${key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const formats: Record<string, string> = {
  email: 'Enter a valid email address',
  url: 'Enter a full web address, starting with https://',
  uuid: 'That is not a valid id',
  guid: 'That is not a valid id',
  date: 'Enter a date, like 2026-01-31',
  datetime: 'Enter a date and time, like 2026-01-31T12:00:00Z',
  time: 'Enter a time, like 12:30',
};

const types: Record<string, string> = {
  int: 'Enter a whole number',
  number: 'Enter a number',
  bigint: 'Enter a whole number',
  boolean: 'Choose yes or no',
  date: 'Enter a date',
};

/** The sentence for one zod issue, or undefined to leave it to zod (custom checks carry their own). */
export function sentenceFor(issue: $ZodRawIssue): string | undefined {
  const what = fieldWord(issue.path ?? []);
  switch (issue.code) {
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string')
        return isBlank(issue.input) || Number(min) <= 1 ? `Enter ${what}` : `Use at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(min) <= 1 ? `Choose ${what}` : `Choose at least ${min}`;
      if (issue.origin === 'date') return 'Choose a later date';
      return issue.inclusive === false ? `Use more than ${min}` : `Use ${min} or more`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return `Use at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at most ${max}`;
      if (issue.origin === 'date') return 'Choose an earlier date';
      return issue.inclusive === false ? `Use less than ${max}` : `Use ${max} or less`;
    }
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return `Enter ${what}`;
      return types[issue.expected] ?? `Enter ${what}`;
    case 'invalid_format':
      return formats[issue.format] ?? `Check the format of ${what}`;
    case 'invalid_value':
      return `Choose one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys': {
      const names = issue.keys.map((k) => `“${k}”`).join(', ');
      return `Leave out ${names}: this request does not take ${issue.keys.length > 1 ? 'them' : 'it'}`;
    }
    case 'not_multiple_of':
      return `Use a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return `Check the format of ${what}`;
    default:
      return undefined;
  }
}

z.config({ customError: sentenceFor });

/** Every field's sentence from a validation failure (the first per field): { email: '…', password: '…' }. */
export function fieldSentences(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (path: readonly PropertyKey[], message: string) => {
    const key = path.map(String).join('.');
    if (key && !(key in out)) out[key] = message;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys')
      for (const k of issue.keys) add([...issue.path, k], issue.message);
    else add(issue.path, issue.message);
  }
  return out;
}

/**
 * The same wording for a rule a service checks itself (AppError VALIDATION, "password: must be at least 12
 * characters"), so a form reads alike whichever layer refused.
 */
export function ruleSentence(field: string, message: string): string {
  const rule = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  const length = /^must be at (least|most) (\d+) characters?$/.exec(rule);
  if (length) return `Use at ${length[1]} ${length[2]} characters`;
  if (rule === 'must not be empty') return `Enter ${fieldWord([field])}`;
  if (rule.startsWith('is ')) return `That ${rule}`;
  return rule.charAt(0).toUpperCase() + rule.slice(1);
}
