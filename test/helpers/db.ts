import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../src/platform/db';
import { runMigrations } from '../../src/platform/db/migrate';

export const testDatabaseUrl = () =>
  process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** Closes the connections and drops the throwaway database. */
  drop(): Promise<void>;
}

/** A throwaway PostgreSQL database, migrated, for tests that need real concurrency. */
export async function createTestPostgres(opts: { max?: number } = {}): Promise<TestDatabase> {
  const admin = testDatabaseUrl();
  const name = `lsn_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), opts);
  await runMigrations(database);
  return {
    ...database,
    async drop() {
      await database.close().catch(() => {});
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/** An in-memory PGlite database, migrated: fast, for tests that need no concurrency. */
export async function createTestPglite(): Promise<TestDatabase> {
  const database = await openPglite();
  await runMigrations(database);
  return { ...database, drop: () => database.close() };
}
