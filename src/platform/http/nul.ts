/**
 * PostgreSQL text cannot hold NUL characters: requests carrying one are refused at the door with a 400
 * naming the problem, instead of failing later as a database error.
 */
export function nulError(): Error & { statusCode: number; code: string } {
  return Object.assign(new Error('Text may not contain NUL (\\u0000) characters'), {
    statusCode: 400,
    code: 'INVALID_CHARACTER',
    name: 'Bad Request',
  });
}

/** A NUL in a JSON text can only be written as the escape `\u0000`. */
export const jsonHasNul = (json: string): boolean => json.includes('\\u0000');

/** A NUL in a query string: percent-encoded, or a JSON escape inside a tRPC `input` parameter. */
export function queryHasNul(url: string): boolean {
  const q = url.indexOf('?');
  return q >= 0 && /%00|%5Cu0000|\\u0000/i.test(url.slice(q));
}
