/** The database: PGlite (embedded) or PostgreSQL, the same migrations on both. */
export {
  type Database,
  type Db,
  type DbOrTx,
  openDatabase,
  openPglite,
  openPostgres,
  queryRows,
  type ReadDb,
  type Tx,
} from './client';
export { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';
export { migrationsFolder, runMigrations } from './migrate';
