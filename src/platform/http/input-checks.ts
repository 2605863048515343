/**
 * Input refused at the door, before any parser or schema sees it, with a 400 naming the problem and the
 * field: NUL characters and lone UTF-16 surrogates (PostgreSQL can store neither: a NUL is a database
 * error; a lone surrogate becomes U+FFFD in a text column and is refused in a jsonb one) and JSON nested
 * deeper than any input of ours (5,000 levels made tRPC's REST adapter overflow the stack). One check
 * instead of a rule in every schema, and no recursion: a single pass over the JSON text.
 */

/** Deeper than any input the API takes; deep enough for any honest one (tRPC's batch wrapper adds one). */
export const MAX_JSON_DEPTH = 64;

export type InputProblemKind = 'nul' | 'surrogate' | 'depth';

export interface InputProblem {
  kind: InputProblemKind;
  /** Index in the JSON text where the problem starts. */
  at: number;
}

export type InputError = Error & { statusCode: number; code: string; field?: string };

const HEX: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[65 + i] = 10 + i;
    t[97 + i] = 10 + i;
  }
  return t;
})();

/** The code unit a `\uXXXX` escape starting at `i` (the backslash) writes, or -1 if it is not one. */
function escapedUnit(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x5c || text.charCodeAt(i + 1) !== 0x75) return -1;
  let v = 0;
  for (let k = i + 2; k < i + 6; k++) {
    const c = text.charCodeAt(k);
    const h = c < 128 ? HEX[c]! : -1;
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/**
 * What is wrong with a JSON text, if anything: a NUL or a lone surrogate in a string (escaped or not),
 * or nesting deeper than `maxDepth`. Malformed JSON is left to the parser.
 */
export function jsonTextProblem(text: string, maxDepth = MAX_JSON_DEPTH): InputProblem | undefined {
  let depth = 0;
  let inString = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x22) inString = false;
      else if (c === 0x5c) {
        const unit = escapedUnit(text, i);
        if (unit < 0) {
          i++; // \" \\ \n …: skip the escaped character
        } else if (unit === 0) {
          return { kind: 'nul', at: i };
        } else if (isHigh(unit)) {
          if (!isLow(escapedUnit(text, i + 6))) return { kind: 'surrogate', at: i };
          i += 11;
        } else if (isLow(unit)) {
          return { kind: 'surrogate', at: i };
        } else {
          i += 5;
        }
      } else if (c >= 0xd800 && c <= 0xdfff) {
        // Unescaped surrogates only come from a text that was not decoded from UTF-8.
        if (!isHigh(c) || !isLow(text.charCodeAt(i + 1))) return { kind: 'surrogate', at: i };
        i++;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return { kind: 'depth', at: i };
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return undefined;
}

/** In Unicode mode a surrogate pair is one code point, so only lone surrogates match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A decoded text (a query parameter): a NUL or a lone surrogate. */
export function textProblem(text: string): InputProblemKind | undefined {
  if (text.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(text) ? 'surrogate' : undefined;
}

/**
 * The path of the value the JSON text is writing at index `at` (`items.2.name`), for the error message.
 * Only runs on the error path, so it may allocate.
 */
export function jsonPathAt(text: string, at: number): string {
  type Frame = { array: boolean; key: string | undefined; index: number; expectKey: boolean };
  const stack: Frame[] = [];
  for (let i = 0; i < at && i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x22) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (j >= at) break; // the problem is inside this string
      if (top && !top.array && top.expectKey) top.key = decodeKey(text.slice(i, j + 1));
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      stack.push({ array: c === 0x5b, key: undefined, index: 0, expectKey: c === 0x7b });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x3a && top && !top.array) {
      top.expectKey = false;
    } else if (c === 0x2c && top) {
      if (top.array) top.index++;
      else top.expectKey = true;
    }
  }
  const parts = stack.map((f) => (f.array ? String(f.index) : f.key)).filter((p) => p !== undefined);
  return parts.length > 6 ? `${parts.slice(0, 6).join('.')}…` : parts.join('.');
}

function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted.replace(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g, '\\ufffd')) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

const MESSAGES: Record<InputProblemKind, string> = {
  nul: 'text may not contain NUL (\\u0000) characters',
  surrogate: 'text may not contain a lone UTF-16 surrogate (such as \\ud800): it is not a character',
  depth: `JSON may not be nested more than ${MAX_JSON_DEPTH} levels deep`,
};

/** The 400 for a problem, naming the field when there is one. */
export function inputError(kind: InputProblemKind, field?: string): InputError {
  const what = MESSAGES[kind];
  const message = field ? `${field}: ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
  return Object.assign(new Error(message), {
    statusCode: 400,
    code: kind === 'depth' ? 'NESTED_TOO_DEEP' : 'INVALID_CHARACTER',
    name: 'Bad Request',
    ...(field ? { field } : {}),
  });
}

/** The 400 for a JSON text, or undefined when it may go on to the parser. */
export function jsonTextError(text: string): InputError | undefined {
  const problem = jsonTextProblem(text);
  if (!problem) return undefined;
  return inputError(problem.kind, jsonPathAt(text, problem.at) || undefined);
}

/** The 400 for a parsed query string (decoded values), naming the parameter. */
export function queryError(query: unknown): InputError | undefined {
  const q = query as Record<string, string | string[] | undefined>;
  for (const key in q) {
    const value = q[key];
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string') continue;
      const kind = textProblem(v);
      if (kind) return inputError(kind, key);
    }
    const keyKind = textProblem(key);
    if (keyKind) return inputError(keyKind);
  }
  return undefined;
}
