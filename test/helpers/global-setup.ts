import pg from 'pg';
import { testDatabaseUrl } from './db';

/** Drops throwaway databases that a killed earlier run left behind (older than an hour). */
export default async function setup() {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  try {
    await client.connect();
  } catch {
    return; // PostgreSQL is not reachable: the tests that need it will say so.
  }
  const { rows } = await client.query<{ datname: string }>(
    "select datname from pg_database where datname like 'lsn_test_%'",
  );
  const hourAgo = Date.now() - 3_600_000;
  for (const { datname } of rows) {
    const ts = Number.parseInt(datname.split('_')[2] ?? '', 36);
    if (Number.isFinite(ts) && ts < hourAgo)
      await client.query(`drop database if exists "${datname}" with (force)`);
  }
  await client.end();
}
