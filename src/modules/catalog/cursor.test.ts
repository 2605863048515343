import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { cursorKey, decodeCursor, encodeCursor, queryFingerprint } from './cursor';

const key = cursorKey('a-secret-of-at-least-thirty-two-characters');
const channel = '0195f3a0-0000-7000-8000-000000000001';
const fp = queryFingerprint(channel, { sort: 'price_asc', q: 'boots' });

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION') return e.field;
    throw e;
  }
  return undefined;
}

describe('listing cursors', () => {
  it('decode what they encoded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { minLength: 1, maxLength: 3 }),
        (keys) => {
          expect(decodeCursor(key, fp, encodeCursor(key, fp, keys), keys.length)).toEqual(keys);
        },
      ),
    );
  });

  it('refuse any edited character, naming the cursor field', () => {
    const cursor = encodeCursor(key, fp, ['1999', '0195f3a0-0000-7000-8000-00000000000a']);
    fc.assert(
      fc.property(fc.nat({ max: cursor.length - 1 }), fc.constantFrom(...'abcXYZ019-_.'), (i, c) => {
        fc.pre(cursor[i] !== c);
        const edited = cursor.slice(0, i) + c + cursor.slice(i + 1);
        // A base64url character can change only padding bits and decode to the same bytes: that is the same cursor.
        let same = false;
        try {
          same =
            JSON.stringify(decodeCursor(key, fp, edited, 2)) ===
            JSON.stringify(['1999', '0195f3a0-0000-7000-8000-00000000000a']);
        } catch {
          same = false;
        }
        if (!same) expect(fieldOf(() => decodeCursor(key, fp, edited, 2))).toBe('cursor');
      }),
    );
  });

  it("refuse a cursor forged with keys of the caller's choosing", () => {
    const body = Buffer.from(JSON.stringify({ f: fp, k: ['0', 'x'] })).toString('base64url');
    expect(fieldOf(() => decodeCursor(key, fp, `${body}.AAAAAAAAAAAAAAAAAAAAAA`, 2))).toBe('cursor');
  });

  it('refuse a cursor made for another search, sort or channel, or signed with another key', () => {
    const cursor = encodeCursor(key, fp, ['1']);
    expect(
      fieldOf(() =>
        decodeCursor(key, queryFingerprint(channel, { sort: 'price_asc', q: 'boot' }), cursor, 1),
      ),
    ).toBe('cursor');
    expect(
      fieldOf(() =>
        decodeCursor(
          key,
          queryFingerprint('0195f3a0-0000-7000-8000-000000000002', { sort: 'price_asc', q: 'boots' }),
          cursor,
          1,
        ),
      ),
    ).toBe('cursor');
    expect(
      fieldOf(() => decodeCursor(cursorKey('another-secret-of-at-least-thirty-two-chars'), fp, cursor, 1)),
    ).toBe('cursor');
  });

  it('refuse garbage', () => {
    for (const bad of [
      '',
      '.',
      'abc',
      'abc.def',
      'a.b.c',
      '!!!.???',
      encodeCursor(key, fp, ['1']).split('.')[0]!,
    ])
      expect(
        fieldOf(() => decodeCursor(key, fp, bad, 1)),
        bad,
      ).toBe('cursor');
    expect(fieldOf(() => decodeCursor(key, fp, encodeCursor(key, fp, ['1', '2']), 1))).toBe('cursor');
  });
});
