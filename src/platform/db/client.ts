import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock';

// No relational schema on the client: services query with the tables themselves, so the platform's
// database type does not need to know every module's tables.
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, Record<string, never>>;
/** Anything that runs queries: the database or an open transaction. */
export type DbOrTx = Db | Tx;
/**
 * What a plain service context may do with the database: read. Writes need a transaction (`TxCtx`), so a
 * write outside one is a compile error rather than a half-done change at the first crash.
 */
export type ReadDb = Pick<Db, 'select' | 'selectDistinct' | 'selectDistinctOn' | '$count' | '$with' | 'with'>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded engine, when running on PGlite (pg-boss talks to it directly). */
  pglite?: PGlite;
  /** The pool, when running on PostgreSQL. */
  pool?: pg.Pool;
  url?: string;
  close(): Promise<void>;
}

// bigint columns come back as strings from node-postgres by default; int8 (20) as bigint-safe string is
// what we want for money, so leave the default parser. timestamptz stays a JS Date.

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 20 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight still reject.
  });
  const db = drizzlePg(pool) as unknown as Db;
  return { db, kind: 'postgres', pool, url, close: once(() => pool.end()) };
}

/** Embedded PGlite. `dataDir` undefined means in-memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  let release = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    release = acquireDataDirLock(dataDir);
  }
  try {
    // pg_trgm (typo-tolerant search) ships with PGlite as a contrib extension: loaded here, created by the
    // migration that first uses it, as PostgreSQL does with its own contrib package.
    const pglite = await PGlite.create(dataDir ? path.resolve(dataDir, 'pg') : undefined, {
      extensions: { pg_trgm },
    });
    const db = drizzlePglite(pglite) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      pglite,
      close: once(async () => {
        await pglite.close();
        release();
      }),
    };
  } catch (err) {
    release();
    throw err;
  }
}

export function openDatabase(config: { DATABASE_URL?: string; DATA_DIR: string }): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.DATA_DIR);
}

/** Rows of a raw query, on either driver. */
export async function queryRows<T = Record<string, unknown>>(
  db: DbOrTx | ReadDb,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  const res = (await (db as DbOrTx).execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Closing twice is harmless: the second call waits for the first. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => {
    p ??= fn();
    return p;
  };
}
