import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgres, type TestDatabase } from '../../../test/helpers/db';
import { channels } from '../access';
import { systemClock } from '../clock';
import { inTransaction, systemActor } from '../context';
import { newId } from '../ids';
import { recordAudit } from './record';

const run = promisify(execFile);

/** `npm run verify-audit` is `tsx src/main.ts verify-audit`; run that against a throwaway database. */
async function verifyAuditCli(url: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'verify-audit'], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('npm run verify-audit', () => {
  let db: TestDatabase;
  const good = newId();
  const bad = newId();
  const ids: string[] = [];

  beforeAll(async () => {
    db = await createTestPostgres();
    await db.db.insert(channels).values([
      { id: good, slug: 'good-shop', name: 'Good' },
      { id: bad, slug: 'bad-shop', name: 'Bad' },
    ]);
    for (const channelId of [good, bad, bad, bad]) {
      const ctx = { db: db.db, actor: systemActor(), channelId, requestId: 'cli-test', clock: systemClock };
      const r = await inTransaction(ctx, (tx) =>
        recordAudit(tx, {
          action: 'roles.assign',
          subjectType: 'user',
          subjectId: 'u',
          data: { role: 'ops' },
        }),
      );
      ids.push(r.id);
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reports every chain intact and exits 0', async () => {
    const { code, out } = await verifyAuditCli(db.url!);
    expect(code).toBe(0);
    expect(out).toMatch(/every chain intact/);
    expect(out).toMatch(/OK +channel good-shop .*: 1 entries/);
    expect(out).toMatch(/OK +channel bad-shop .*: 3 entries/);
  });

  it('names the first broken link of a tampered channel and exits 1', async () => {
    const victim = ids[2]!; // seq 2 of bad-shop
    await db.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await db.db.execute(sql`update audit_log set data = '{"role":"founder"}' where id = ${victim}`);
    await db.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const { code, out } = await verifyAuditCli(db.url!);
    expect(code).toBe(1);
    expect(out).toMatch(/BROKEN in 1 of 2 channel/);
    expect(out).toContain(`BROKEN  channel bad-shop (${bad}): first broken link at seq 2, entry ${victim}`);
    expect(out).toMatch(/OK +channel good-shop/);
  });
});
