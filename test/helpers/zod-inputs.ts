import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * Inputs derived from a procedure's zod input schema: a minimal valid one, and that input with one field
 * broken at a time, either with a value of the wrong JSON type or with one of the right type that breaks a
 * rule the schema declares (a string one past its maximum length, a number out of range, a value outside
 * an enum, a malformed uuid or date...). Every value is checked against the schema itself, so a case is
 * kept only when the schema really refuses it; what the tests check is how the server answers.
 */

type Schema = any;

export interface BrokenField {
  /** The input: a valid one with exactly this field broken. */
  input: Record<string, unknown>;
  /** Where the field is, as the server names it (`scopes.0`, `response.id`). */
  path: string;
  /** What is wrong with it, for failure messages. */
  problem: string;
  /** The wrong value alone (REST puts query and path values in the URL as text). */
  value: unknown;
}

const def = (s: Schema) => s._zod.def;
const accepts = (s: Schema, v: unknown) => s.safeParse(v).success as boolean;

/** The schema under optional/default/nullable/readonly/pipe wrappers, and whether it may be left out. */
export function unwrap(s: Schema): { inner: Schema; optional: boolean } {
  let optional = false;
  for (;;) {
    const d = def(s);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') optional = true;
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(d.type))
      s = d.innerType;
    else if (d.type === 'pipe') s = d.in;
    else return { inner: s, optional };
  }
}

interface Bounds {
  min?: number;
  max?: number;
  minInclusive: boolean;
  maxInclusive: boolean;
  int: boolean;
  formats: string[];
  /** Patterns the string must match (`.regex()`). */
  patterns: RegExp[];
  trims: boolean;
}

function boundsOf(s: Schema): Bounds {
  const b: Bounds = {
    minInclusive: true,
    maxInclusive: true,
    int: false,
    formats: [],
    patterns: [],
    trims: false,
  };
  const d = def(s);
  if (d.format) b.formats.push(d.format);
  for (const c of d.checks ?? []) {
    const cd = c._zod.def;
    if (cd.check === 'min_length') b.min = Math.max(b.min ?? 0, cd.minimum);
    if (cd.check === 'max_length') b.max = Math.min(b.max ?? Number.POSITIVE_INFINITY, cd.maximum);
    if (cd.check === 'greater_than') {
      b.min = cd.value;
      b.minInclusive = cd.inclusive;
    }
    if (cd.check === 'less_than') {
      b.max = cd.value;
      b.maxInclusive = cd.inclusive;
    }
    if (cd.check === 'number_format' && /int/.test(cd.format)) b.int = true;
    if (cd.check === 'string_format') b.formats.push(cd.format);
    if (cd.check === 'string_format' && cd.pattern instanceof RegExp) b.patterns.push(cd.pattern);
    if (cd.check === 'overwrite') b.trims = true;
  }
  return b;
}

function firstAccepted(s: Schema, candidates: unknown[], what: string, more?: () => unknown[]): unknown {
  for (const c of candidates) if (accepts(s, c)) return c;
  for (const c of more?.() ?? []) if (accepts(s, c)) return c;
  throw new Error(`cannot make a valid ${what} for this schema; teach test/helpers/zod-inputs.ts`);
}

/** A minimal valid value: required fields only, the shortest strings, the lowest numbers. */
export function validValue(s: Schema): unknown {
  const { inner } = unwrap(s);
  const d = def(inner);
  switch (d.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries<Schema>(d.shape)) {
        if (unwrap(field).optional) continue;
        out[key] = validValue(field);
      }
      return out;
    }
    case 'string': {
      const b = boundsOf(inner);
      const n = Math.max(b.min ?? 1, 1);
      return firstAccepted(
        inner,
        [
          'x'.repeat(n),
          '1'.repeat(n),
          randomUUID(),
          'someone@example.test',
          '2026-01-31',
          '2026-01-31T12:00:00Z',
        ],
        'string',
        // Else a string its own patterns describe (a one-time link's token), the same ones on every run.
        () => b.patterns.flatMap((re) => fc.sample(fc.stringMatching(re), { numRuns: 20, seed: 42 })),
      );
    }
    case 'number': {
      const b = boundsOf(inner);
      const lo = b.min === undefined ? 1 : b.minInclusive ? b.min : b.min + 1;
      return firstAccepted(inner, [lo, 1, 0], 'number');
    }
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(d.entries)[0];
    case 'literal':
      return d.values[0];
    case 'array': {
      const b = boundsOf(inner);
      return Array.from({ length: b.min ?? 0 }, () => validValue(d.element));
    }
    case 'union':
      return validValue(d.options[0]);
    case 'record':
      return {};
    case 'void':
    case 'undefined':
      return undefined;
    case 'unknown':
    case 'any':
      return null;
    default:
      throw new Error(`no valid value for a zod ${d.type}; teach test/helpers/zod-inputs.ts`);
  }
}

/** A value of the wrong JSON type for the schema (whatever its rules). */
function wrongTypeFor(s: Schema): unknown {
  switch (def(unwrap(s).inner).type) {
    case 'string':
    case 'enum':
    case 'literal':
      return 12345;
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not a list';
    case 'object':
    case 'record':
      return 'not an object';
    case 'union':
      return { not: 'this' };
    default:
      return undefined;
  }
}

/** Values of the right type that break a rule the schema declares, each with what it breaks. */
function ruleBreakers(s: Schema): { value: unknown; problem: string }[] {
  const { inner } = unwrap(s);
  const d = def(inner);
  const out: { value: unknown; problem: string }[] = [];
  if (d.type === 'string') {
    const b = boundsOf(inner);
    const sample = String(validValue(inner));
    const c = sample[0] ?? 'x';
    if (b.max !== undefined && Number.isFinite(b.max))
      out.push({ value: c.repeat(b.max + 1), problem: `${b.max + 1} characters, one over the maximum` });
    if (b.min !== undefined && b.min > 0)
      out.push({ value: c.repeat(b.min - 1), problem: `${b.min - 1} characters, one under the minimum` });
    if (b.trims && (b.min ?? 0) > 0) out.push({ value: '   ', problem: 'only spaces' });
    if (b.formats.length) {
      const what = b.formats.map((f) => (f === 'regex' ? `matching ${b.patterns.join(', ')}` : `a ${f}`));
      out.push({ value: 'not valid!', problem: `not ${what.join(' or ')}` });
    }
  } else if (d.type === 'number') {
    const b = boundsOf(inner);
    if (b.min !== undefined)
      out.push({ value: b.minInclusive ? b.min - 1 : b.min, problem: `below the minimum ${b.min}` });
    if (b.max !== undefined)
      out.push({ value: b.maxInclusive ? b.max + 1 : b.max, problem: `above the maximum ${b.max}` });
    if (b.int) out.push({ value: Number(validValue(inner)) + 0.5, problem: 'not a whole number' });
  } else if (d.type === 'enum') {
    out.push({
      value: `${String(Object.values(d.entries)[0])}-not-listed`,
      problem: 'not one of the choices',
    });
  } else if (d.type === 'literal') {
    out.push({ value: `${String(d.values[0])}-other`, problem: `not ${String(d.values[0])}` });
  } else if (d.type === 'union') {
    out.push({ value: 'not valid!', problem: 'matches none of its forms' });
  } else if (d.type === 'array') {
    const b = boundsOf(inner);
    const one = validValue(d.element);
    if (b.min !== undefined && b.min > 0)
      out.push({ value: Array(b.min - 1).fill(one), problem: `${b.min - 1} items, under the minimum` });
    if (b.max !== undefined && Number.isFinite(b.max))
      out.push({ value: Array(b.max + 1).fill(one), problem: `${b.max + 1} items, over the maximum` });
  }
  return out.filter((b) => !accepts(s, b.value));
}

/**
 * The valid input with one field broken at a time, for every field the schema declares (optional ones
 * included, nested objects and array items too): the wrong type, then each rule it declares, broken.
 */
export function brokenFields(input: Schema): BrokenField[] {
  const base = validValue(input);
  if (!base || typeof base !== 'object') return [];
  const out: BrokenField[] = [];
  const walk = (schema: Schema, path: string[], set: (v: unknown) => Record<string, unknown>) => {
    const { inner } = unwrap(schema);
    const d = def(inner);
    const name = path.join('.');
    const wrong = wrongTypeFor(schema);
    if (wrong !== undefined && !accepts(schema, wrong))
      out.push({ input: set(wrong), path: name, problem: 'the wrong type', value: wrong });
    for (const b of ruleBreakers(schema)) out.push({ input: set(b.value), path: name, ...b });
    if (d.type === 'object') {
      const here = validValue(inner) as Record<string, unknown>;
      for (const [key, field] of Object.entries<Schema>(d.shape))
        walk(field, [...path, key], (v) => set({ ...here, [key]: v }));
    }
    if (d.type === 'array') {
      const b = boundsOf(inner);
      const items = Array.from({ length: Math.max(b.min ?? 0, 1) }, () => validValue(d.element));
      walk(d.element, [...path, '0'], (v) => set([v, ...items.slice(1)]));
    }
  };
  for (const [key, field] of Object.entries<Schema>(def(unwrap(input).inner).shape))
    walk(field, [key], (v) => ({ ...(base as object), [key]: v }));
  return out.filter((c) => !accepts(input, c.input));
}

/** Whether the schema (an object's field) is a uuid: a well-formed one may still name nothing. */
export const isUuidField = (s: Schema) => boundsOf(unwrap(s).inner).formats.includes('uuid');

/** The input's object shape, or undefined when it takes no object. */
export function shapeOf(input: Schema | undefined): Record<string, Schema> | undefined {
  if (!input) return undefined;
  const d = def(unwrap(input).inner);
  return d.type === 'object' ? d.shape : undefined;
}

/**
 * The valid input with one top-level field at an edge its schema still allows (a string exactly at its
 * maximum length, a number at its minimum or maximum): the service and the database must take it, or at
 * worst refuse it with a 4xx, never fail on it (a column narrower than the schema would).
 */
export function edgeFields(
  input: Schema,
): { input: Record<string, unknown>; path: string; value: unknown }[] {
  const base = validValue(input);
  const shape = shapeOf(input);
  if (!shape || !base || typeof base !== 'object') return [];
  const out: { input: Record<string, unknown>; path: string; value: unknown }[] = [];
  for (const [key, field] of Object.entries<Schema>(shape)) {
    const { inner } = unwrap(field);
    const d = def(inner);
    const b = boundsOf(inner);
    const values: unknown[] = [];
    if (d.type === 'string' && b.max !== undefined && Number.isFinite(b.max)) {
      const c = String(validValue(inner))[0] ?? 'x';
      values.push(c.repeat(b.max), 'é'.repeat(b.max));
    }
    if (d.type === 'number') values.push(b.min, b.max);
    for (const value of values)
      if (value !== undefined && accepts(field, value))
        out.push({ input: { ...(base as object), [key]: value }, path: key, value });
  }
  return out.filter((c) => accepts(input, c.input));
}
