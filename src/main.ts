import { spawn } from 'node:child_process';
import path from 'node:path';
import { createPlatform, type Running, start } from './app';
import { auditChainReport } from './platform/audit';
import { ConfigError, loadConfig } from './platform/config';
import { DataDirLockedError, openDatabase, runMigrations } from './platform/db';
import { ModuleError, runSeeders } from './platform/kit';

const root = path.resolve(import.meta.dirname, '..');

/** How long a stop may take before the process exits anyway (with 1). */
const STOP_DEADLINE_MS = 10_000;
/**
 * Ctrl-C in a terminal signals the whole process group, and `npm start` forwards the signal to this process
 * as well: the same signal twice within this long is one press, not a second one.
 */
const SAME_SIGNAL_MS = 500;

/**
 * SIGTERM and SIGINT stop the process gracefully (`Running.stop`: no new connections, requests in flight
 * finish, WebSockets closed with 1001, running jobs finish or go back to the queue, database closed), then
 * exit 0; after STOP_DEADLINE_MS it exits 1 whatever is left. A second signal during the stop exits at once.
 * Installed before anything starts, so a signal during start-up (web build, migrations) is honoured too.
 */
function exitOnSignals(stop: (signal: string) => Promise<void>, log: (msg: string) => void) {
  let first: { signal: string; at: number } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (first) {
      if (signal === first.signal && Date.now() - first.at < SAME_SIGNAL_MS) return;
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    first = { signal, at: Date.now() };
    log(`${signal}: stopping (at most ${STOP_DEADLINE_MS / 1000} s; send it again to exit now)`);
    setTimeout(() => {
      log(`still stopping after ${STOP_DEADLINE_MS / 1000} s: exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stop(signal).then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * `npm start` builds the web app when its sources changed (web/build-if-stale.ts). Run here, in a child
 * process this one waits for, so that `npm start` is a single process receiving the signals (npm → node).
 */
function buildWebIfStale(): { done: Promise<void>; cancel(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'web/build-if-stale.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`the web build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
  return { done, cancel: () => child.kill('SIGTERM') };
}

const commands: Record<string, () => Promise<void>> = {
  /** All roles in one process (or those ROLES names). */
  async start() {
    const config = loadConfig();
    let build: ReturnType<typeof buildWebIfStale> | undefined;
    let starting: Promise<Running> | undefined;
    let stopping = false;
    exitOnSignals(
      async (signal) => {
        stopping = true;
        build?.cancel();
        // A signal during start-up waits for it, then stops what it started.
        const running = await starting?.catch(() => undefined);
        if (!running) return;
        running.platform.log.info({ signal }, 'shutting down');
        await running.stop();
        running.platform.log.info('stopped');
      },
      (msg) => console.log(`\n  ${msg}`),
    );
    if (config.ROLES.includes('api')) {
      build = buildWebIfStale();
      await build.done.catch((err) => {
        if (!stopping) throw err;
      });
      build = undefined;
    }
    if (stopping) return;
    starting = start(config);
    const running = await starting;
    const { log } = running.platform;
    log.info(
      { url: config.PUBLIC_URL, database: running.platform.database.kind, roles: config.ROLES },
      'Live Shopping Network is running',
    );
    console.log(`\n  Live Shopping Network is running at ${config.PUBLIC_URL}\n`);
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
      await platform.jobs.stop();
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
