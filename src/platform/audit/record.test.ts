import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json';
import { GENESIS_HASH, hashEntry } from './record';

const entry = {
  id: '01a20f35-0984-70da-a767-b53475a8c725',
  channelId: '01a20f35-0000-70da-a767-b53475a8c725',
  seq: 1,
  at: '2026-01-02T03:04:05.678Z',
  actorId: null,
  actorKind: 'system',
  action: 'roles.assign',
  subjectType: 'user',
  subjectId: 'u1',
  data: { role: 'ops' },
  requestId: 'r1',
};

describe('canonical JSON', () => {
  it('is the same whatever order the keys were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('means what JSON.stringify means (dates, undefined, functions)', () => {
    const when = new Date('2026-01-02T03:04:05.678Z');
    expect(JSON.parse(canonicalJson({ when, gone: undefined, fn: () => 1, list: [undefined] }))).toEqual({
      when: when.toISOString(),
      list: [null],
    });
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('round-trips any JSON value to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});

describe('entry hash', () => {
  it('changes when any covered field or the previous hash changes', () => {
    const base = hashEntry(GENESIS_HASH, entry);
    expect(hashEntry(GENESIS_HASH, { ...entry, data: { role: 'ops' } })).toBe(base);
    expect(hashEntry(GENESIS_HASH, { ...entry, data: { role: 'admin' } })).not.toBe(base);
    expect(hashEntry(GENESIS_HASH, { ...entry, seq: 2 })).not.toBe(base);
    expect(hashEntry(GENESIS_HASH, { ...entry, at: '2026-01-02T03:04:05.679Z' })).not.toBe(base);
    expect(hashEntry('1'.repeat(64), entry)).not.toBe(base);
  });

  it('covers the acting API key when there is one, and leaves entries without one hashed as before', () => {
    const base = hashEntry(GENESIS_HASH, entry);
    expect(hashEntry(GENESIS_HASH, { ...entry, actorKeyId: null })).toBe(base);
    const byKey = hashEntry(GENESIS_HASH, { ...entry, actorKind: 'api_key', actorKeyId: 'k1' });
    expect(byKey).not.toBe(hashEntry(GENESIS_HASH, { ...entry, actorKind: 'api_key' }));
    expect(byKey).not.toBe(hashEntry(GENESIS_HASH, { ...entry, actorKind: 'api_key', actorKeyId: 'k2' }));
  });
});
