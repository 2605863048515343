import { createPlatform, start } from './app';
import { auditChainReport } from './platform/audit';
import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError, openDatabase, runMigrations } from './platform/db';
import { ModuleError, runSeeders } from './platform/kit';

const commands: Record<string, () => Promise<void>> = {
  /** All roles in one process (or those ROLES names). */
  async start() {
    const config = loadConfig();
    const running = await start(config);
    const { log } = running.platform;
    log.info(
      { url: config.PUBLIC_URL, database: running.platform.database.kind, roles: config.ROLES },
      'Live Shopping Network is running',
    );
    console.log(`\n  Live Shopping Network is running at ${config.PUBLIC_URL}\n`);
    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  },
  /** Background jobs only. */
  async worker() {
    process.env.ROLES = 'worker';
    await commands.start!();
  },
  async migrate() {
    const config = loadConfig();
    const database = await openDatabase(config);
    await runMigrations(database);
    await database.close();
    console.log('Migrations applied.');
  },
  /** Demo accounts (and each module's demo data) plus a few extra customers; `--no-demo` creates only the founder. */
  async seed() {
    const config = loadConfig();
    const platform = await createPlatform(config);
    try {
      // Production seeds demo accounts (published passwords) only when asked: `--demo`.
      const demo =
        config.NODE_ENV === 'production'
          ? process.argv.includes('--demo')
          : !process.argv.includes('--no-demo');
      const { announced } = await runSeeders(platform, { demo, more: demo });
      if (!announced.length) console.log('Nothing to seed: everything is already there.');
    } finally {
      await platform.limiter.close();
      await platform.bus.close();
      await platform.database.close();
    }
  },
  /** Walks every channel's audit hash chain; exits 1 and names the first broken link when one is broken. */
  async 'verify-audit'() {
    const config = loadConfig();
    const database = await openDatabase(config);
    try {
      await runMigrations(database);
      const report = await auditChainReport(database.db);
      (report.ok ? console.log : console.error)(report.text);
      process.exitCode = report.ok ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};

async function main() {
  const name = process.argv[2] ?? 'start';
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
    process.exit(2);
  }
  try {
    await command();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof ModuleError) {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

void main();
