import { fieldErrors } from '../../lib/trpc';

/**
 * Places a server error next to the fields it names. The server names one field in error.data.field and,
 * for input validation, lists every problem as "field: message; field: message"; each part goes beside its
 * field when the form has it, and anything else goes above the form.
 */
export function placeError(error: unknown, fields: readonly string[]) {
  const e = fieldErrors(error);
  const byField = new Map<string, string>();
  const rest: string[] = [];
  if (e) {
    const parts = e.message.split('; ');
    for (const part of parts) {
      const m = /^([A-Za-z][\w.]*): (.+)$/.exec(part);
      if (m && fields.includes(m[1]!)) byField.set(m[1]!, m[2]!);
      else if (parts.length === 1 && e.field && fields.includes(e.field)) byField.set(e.field, part);
      else rest.push(part);
    }
  }
  return {
    field: (name: string) => byField.get(name),
    form: rest.length ? rest.join(' ') : undefined,
  };
}
