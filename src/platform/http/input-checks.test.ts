import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTextError, jsonTextProblem, MAX_JSON_DEPTH, queryError } from './input-checks';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JSON refused at the door', () => {
  it('NUL escapes are refused, an escaped backslash followed by the letters u0000 is not', () => {
    expect(jsonTextProblem('{"a":"x\\u0000"}')?.kind).toBe('nul');
    expect(jsonTextProblem('{"a":"\\\\u0000"}')).toBeUndefined();
  });

  it('lone surrogates are refused, escaped or not; pairs pass', () => {
    expect(jsonTextProblem('{"displayName":"\\ud800"}')?.kind).toBe('surrogate');
    expect(jsonTextProblem('{"a":"\\uDC00"}')?.kind).toBe('surrogate');
    expect(jsonTextProblem('{"a":"\\ud83d\\u0041"}')?.kind).toBe('surrogate');
    expect(jsonTextProblem('{"a":"x\\ud83d"}')?.kind).toBe('surrogate');
    expect(jsonTextProblem('{"a":"\\ud83d\\ude00"}')).toBeUndefined();
    expect(jsonTextProblem('{"a":"😀"}')).toBeUndefined();
    expect(jsonTextProblem('{"a":"\ud800"}')?.kind).toBe('surrogate');
    expect(jsonTextProblem('{"\\ud800":1}')?.kind).toBe('surrogate');
  });

  it(`nesting up to ${MAX_JSON_DEPTH} levels passes, one more is refused; brackets in strings do not count`, () => {
    expect(jsonTextProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonTextProblem(nested(MAX_JSON_DEPTH + 1))?.kind).toBe('depth');
    expect(jsonTextProblem(nested(5000))?.kind).toBe('depth');
    expect(jsonTextProblem(JSON.stringify({ a: '['.repeat(1000) }))).toBeUndefined();
  });

  it('the error names the field, through objects and arrays', () => {
    const err = jsonTextError('{"items":[{"name":"ok"},{"name":"\\ud800"}]}')!;
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('INVALID_CHARACTER');
    expect(err.field).toBe('items.1.name');
    expect(err.message).toMatch(/^items\.1\.name: .*surrogate/);
    const deep = jsonTextError(`{"displayName":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`)!;
    expect(deep.code).toBe('NESTED_TOO_DEEP');
    expect(deep.message).toMatch(/^displayName\.a\.a/);
    expect(jsonTextError('"\\u0000"')!.message).toMatch(/^Text may not contain NUL/);
  });

  it('whatever JSON.stringify writes from well-formed strings passes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(jsonTextProblem(JSON.stringify(value))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const wellFormed = !/\p{Cs}/u.test(s) && !s.includes('\u0000');
        expect(jsonTextProblem(JSON.stringify({ s })) === undefined).toBe(wellFormed);
      }),
      { numRuns: 500 },
    );
  });

  it('query parameters: decoded NUL or lone surrogate is refused, naming the parameter', () => {
    expect(queryError({ q: 'a\u0000' })?.field).toBe('q');
    expect(queryError({ q: ['ok', '\ud800'] })?.field).toBe('q');
    expect(queryError({ q: 'ok', input: '{"a":"\\ud800"}' })).toBeUndefined(); // JSON text: checked as JSON
    expect(queryError({})).toBeUndefined();
  });
});
