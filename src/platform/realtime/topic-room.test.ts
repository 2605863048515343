import { describe, expect, it } from 'vitest';
import { emptyFold, foldInto, TopicRoom } from './topic-room';

const room = (ringSize = 4, recentSize = 3) =>
  new TopicRoom('ch/show.1', 'show.1', 'e1', { ringSize, recentSize });

describe('topic room', () => {
  it('folds a tick: the latest value wins per state key, list messages keep their order', () => {
    const r = room();
    for (let i = 1; i <= 100; i++) r.receive({ state: { stock: 100 - i, price: 500 } });
    r.receive({ messages: ['hi'] });
    r.receive({ state: { viewers: 7 }, messages: ['there'], critical: false });
    const out = r.commit()!;
    expect(out.version).toBe(102);
    expect(out.payload.state).toEqual({ stock: 0, price: 500, viewers: 7 });
    expect(out.payload.messages).toEqual(['hi', 'there']);
    expect(out.payload.critical).toBe(true);
    expect(r.commit()).toBeNull();
  });

  it('a tick with only non-critical messages may be dropped for a slow socket', () => {
    const r = room();
    r.receive({ state: { viewers: 3 }, critical: false });
    expect(r.commit()!.payload.critical).toBe(false);
  });

  it('a client resuming from a version still in the ring gets exactly what it missed', () => {
    const r = room();
    r.receive({ messages: ['a'] });
    r.commit();
    r.receive({ messages: ['b'], state: { price: 1 } });
    r.commit();
    r.receive({ messages: ['c'], state: { price: 2 } });
    r.commit();
    const resume = r.resume(1, 'e1');
    expect(resume).toEqual({
      kind: 'catchup',
      version: 3,
      payload: { state: { price: 2 }, messages: ['b', 'c'], critical: true },
    });
    expect(r.resume(3)).toMatchObject({ kind: 'catchup', version: 3, payload: { messages: [] } });
  });

  it('a client too far behind, from another epoch, or from the future gets a snapshot', () => {
    const r = room(2, 3);
    for (const m of ['a', 'b', 'c', 'd', 'e']) {
      r.receive({ messages: [m], state: { last: m } });
      r.commit();
    }
    // Ring of 2 holds versions 4 and 5: a client at 3 can catch up, one at 2 cannot.
    expect(r.resume(3).kind).toBe('catchup');
    const snap = r.resume(2);
    expect(snap).toEqual({ kind: 'snapshot', version: 5, state: { last: 'e' }, messages: ['c', 'd', 'e'] });
    expect(r.resume(4, 'another-epoch').kind).toBe('snapshot');
    expect(r.resume(9).kind).toBe('snapshot');
    expect(r.resume(undefined).kind).toBe('snapshot');
  });

  it('bus versions are kept; a gap means nothing before it can be replayed', () => {
    const r = room(8);
    r.receive({ messages: ['x'] }, 57);
    r.commit();
    expect(r.version).toBe(57);
    expect(r.resume(56).kind).toBe('catchup');
    expect(r.resume(10).kind).toBe('snapshot');
    r.receive({ messages: ['y'] }, 58);
    r.receive({ messages: ['z'] }, 60); // 59 never arrived here
    r.commit();
    expect(r.resume(57).kind).toBe('snapshot');
    expect(r.resume(59)).toMatchObject({ kind: 'catchup', version: 60, payload: { messages: ['z'] } });
  });

  it('what subscribers were sent equals what a snapshot gives (nothing pending leaks into snapshots)', () => {
    const r = room();
    r.receive({ state: { price: 1 } });
    r.commit();
    r.receive({ state: { price: 2 } });
    expect(r.resume(undefined)).toMatchObject({ kind: 'snapshot', version: 1, state: { price: 1 } });
  });

  it('folding is in place and linear', () => {
    const acc = emptyFold();
    for (let i = 0; i < 10_000; i++) foldInto(acc, { messages: [i], critical: false });
    expect(acc.messages).toHaveLength(10_000);
    expect(acc.critical).toBe(false);
  });
});
