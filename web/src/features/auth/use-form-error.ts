import { fieldErrors } from '../../lib/trpc';

/**
 * Places a server error: next to the field it names (error.data.field) when the form has that field,
 * otherwise above the form.
 */
export function placeError(error: unknown, fields: readonly string[]) {
  const e = fieldErrors(error);
  const onField = e?.field && fields.includes(e.field) ? e.field : undefined;
  return {
    field: (name: string) => (onField === name ? e?.message : undefined),
    form: e && !onField ? e.message : undefined,
  };
}
