import { useState } from 'react';
import { errorData, errorMessage } from '../../lib/trpc';

/**
 * A form's server error, placed: each field's sentence beside that field (the server sends one per field in
 * error.data.fields, so every problem shows at once) and anything else above the form. A field's message
 * goes as soon as the field changes, and the form-wide one with it; a new submit starts without errors
 * (the mutation drops its old error).
 */
export function useFormErrors(error: unknown, fields: readonly string[]) {
  const [edited, setEdited] = useState<{ error: unknown; names: ReadonlySet<string> }>({
    error,
    names: new Set(),
  });
  const names = edited.error === error ? edited.names : new Set<string>();
  const byField = new Map<string, string>();
  const rest: string[] = [];
  if (error) {
    const given = Object.entries(errorData(error)?.fields ?? {});
    for (const [name, sentence] of given) {
      if (fields.includes(name)) byField.set(name, sentence);
      else rest.push(sentence);
    }
    if (!given.length) rest.push(errorMessage(error));
  }
  return {
    field: (name: string) => (names.has(name) ? undefined : byField.get(name)),
    form: names.size || !rest.length ? undefined : rest.join(' '),
    /** For a field's onChange: its message (and the form's) no longer applies. */
    changed: (name: string) => {
      if (error && !names.has(name)) setEdited({ error, names: new Set([...names, name]) });
    },
  };
}
