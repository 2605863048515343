import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, createTestPostgres, type TestDatabase } from '../../../test/helpers/db';
import { fixedClock, systemClock } from '../clock';
import { type Actor, inTransaction, systemActor } from '../context';
import { newId } from '../ids';
import { recordAudit } from './record';
import { verifyAuditChain } from './verify-audit-chain';

const userActor = (userId: string): Actor => ({
  kind: 'user',
  userId,
  roles: ['admin'],
  permissions: new Set(),
});

function append(db: TestDatabase, channelId: string, n: number, opts: { actor?: Actor; at?: Date } = {}) {
  const clock = opts.at ? fixedClock(opts.at) : systemClock;
  return inTransaction(
    { db: db.db, actor: opts.actor ?? systemActor(), channelId, requestId: `req-${n}`, clock },
    (tx) =>
      recordAudit(tx, {
        action: 'roles.assign',
        subjectType: 'user',
        subjectId: `user-${n}`,
        // Nested keys out of order, numbers, null and unicode: jsonb hands them back reordered.
        data: { role: 'ops', z: { b: 2, a: [1, 'two', null] }, amount: 12.5, note: 'héllo ✓', n },
      }),
  );
}

async function appendMany(db: TestDatabase, channelId: string, n: number) {
  const out: Array<{ id: string; seq: number; hash: string }> = [];
  for (let i = 1; i <= n; i++) out.push(await append(db, channelId, i));
  return out;
}

/** Runs fn with the append-only trigger off, the way an attacker with table rights would. */
async function withTriggerOff(db: TestDatabase, fn: () => Promise<unknown>) {
  await db.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
  try {
    await fn();
  } finally {
    await db.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  }
}

describe.each(['pglite', 'postgres'] as const)('the audit chain on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = kind === 'postgres' ? await createTestPostgres() : await createTestPglite();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('verifies intact chains entry by entry, across batch boundaries', async () => {
    const channel = newId();
    const actor = userActor(newId().toUpperCase()); // stored lower-cased by the uuid column
    for (let i = 1; i <= 7; i++) await append(db, channel, i, { actor });
    const [status] = await verifyAuditChain(db.db, { channelId: channel, batchSize: 3 });
    expect(status).toEqual({ channelId: channel, ok: true, checked: 7, firstBroken: null });
  });

  it('an empty channel verifies with nothing checked', async () => {
    const [status] = await verifyAuditChain(db.db, { channelId: newId() });
    expect(status).toMatchObject({ ok: true, checked: 0, firstBroken: null });
  });

  it('reads `at` back exactly as hashed, whatever the session time zone', async () => {
    const channel = newId();
    await append(db, channel, 1, { at: new Date('2026-03-29T01:30:00.001Z') });
    await append(db, channel, 2, { at: new Date('2026-12-31T23:59:59.999Z') });
    const statuses = await db.db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Chatham'`);
      return verifyAuditChain(tx, { channelId: channel });
    });
    expect(statuses[0]).toMatchObject({ ok: true, checked: 2 });
  });

  it('names exactly the row whose data was tampered with', async () => {
    const channel = newId();
    const entries = await appendMany(db, channel, 5);
    const victim = entries[2]!;
    await withTriggerOff(db, () =>
      db.db.execute(
        sql`update audit_log set data = jsonb_set(data, '{role}', '"founder"') where id = ${victim.id}`,
      ),
    );
    const [status] = await verifyAuditChain(db.db, { channelId: channel, batchSize: 2 });
    expect(status!.ok).toBe(false);
    expect(status!.checked).toBe(2);
    expect(status!.firstBroken).toEqual({ seq: 3, id: victim.id, reason: expect.stringMatching(/altered/) });
  });

  it('finds a change below the millisecond in `at`', async () => {
    const channel = newId();
    const [first] = [await append(db, channel, 1), await append(db, channel, 2)];
    await withTriggerOff(db, () =>
      db.db.execute(sql`update audit_log set at = at + interval '1 microsecond' where id = ${first!.id}`),
    );
    const [status] = await verifyAuditChain(db.db, { channelId: channel });
    expect(status!.firstBroken).toMatchObject({ seq: 1, id: first!.id });
  });

  it('a row whose hash was recomputed to hide the change breaks the link after it', async () => {
    const channel = newId();
    const entries = await appendMany(db, channel, 3);
    await withTriggerOff(db, () =>
      db.db.execute(sql`update audit_log set hash = ${'f'.repeat(64)} where id = ${entries[1]!.id}`),
    );
    const [status] = await verifyAuditChain(db.db, { channelId: channel });
    expect(status!.firstBroken).toMatchObject({ seq: 2, id: entries[1]!.id });
  });

  it('finds a deleted row: the entry after the gap is named', async () => {
    const channel = newId();
    const entries = await appendMany(db, channel, 4);
    await withTriggerOff(db, () => db.db.execute(sql`delete from audit_log where id = ${entries[1]!.id}`));
    const [status] = await verifyAuditChain(db.db, { channelId: channel });
    expect(status).toMatchObject({ ok: false, checked: 1 });
    expect(status!.firstBroken).toEqual({
      seq: 3,
      id: entries[2]!.id,
      reason: expect.stringMatching(/seq 2 is missing/),
    });
  });

  it('verifies every channel when none is named, each on its own', async () => {
    const good = newId();
    const bad = newId();
    await append(db, good, 1);
    const victim = await append(db, bad, 1);
    await withTriggerOff(db, () =>
      db.db.execute(sql`update audit_log set subject_id = 'someone-else' where id = ${victim.id}`),
    );
    const all = await verifyAuditChain(db.db);
    expect(all.find((s) => s.channelId === good)).toMatchObject({ ok: true, checked: 1 });
    expect(all.find((s) => s.channelId === bad)).toMatchObject({
      ok: false,
      firstBroken: { seq: 1, id: victim.id },
    });
  });

  /** The database's own message (drizzle wraps it in "Failed query"). */
  async function rejection(query: ReturnType<typeof sql>): Promise<string> {
    try {
      await db.db.execute(query);
    } catch (err) {
      return String((err as Error & { cause?: Error }).cause?.message ?? (err as Error).message);
    }
    return 'no error';
  }

  it('the trigger rejects UPDATE, DELETE and TRUNCATE', async () => {
    const channel = newId();
    const { id } = await append(db, channel, 1);
    expect(await rejection(sql`update audit_log set action = 'x' where id = ${id}`)).toMatch(/append-only/);
    expect(await rejection(sql`delete from audit_log where id = ${id}`)).toMatch(/append-only/);
    expect(await rejection(sql`truncate audit_log`)).toMatch(/append-only/);
    const [status] = await verifyAuditChain(db.db, { channelId: channel });
    expect(status).toMatchObject({ ok: true, checked: 1 });
  });
});

describe('concurrent appends on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestPostgres({ max: 25 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('50 transactions appending in parallel across 2 channels leave an unbroken chain per channel', async () => {
    const channels = [newId(), newId()];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => append(db, channels[i % 2]!, i + 1)),
    );
    for (const channel of channels) {
      const [status] = await verifyAuditChain(db.db, { channelId: channel });
      expect(status).toEqual({ channelId: channel, ok: true, checked: 25, firstBroken: null });
    }
    expect(new Set(results.map((r) => r.hash)).size).toBe(50);
  });
});
