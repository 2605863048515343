import pg from 'pg';
import type { Platform } from '../platform';
import { dispatchOutbox } from './dispatch-outbox';
import { OUTBOX_CHANNEL } from './types';

export interface OutboxDispatcher {
  /** Runs a dispatch pass now, or right after the one in flight. */
  nudge(): void;
  stop(): Promise<void>;
}

/**
 * The worker's in-process dispatcher. It wakes on the NOTIFY that emitEvent issues (delivered at commit,
 * so within milliseconds of the business transaction) and sweeps every second, so events written while
 * no dispatcher was running (a crash between commit and dispatch, a restart) go out as soon as one is.
 */
export async function startOutboxDispatcher(
  platform: Platform,
  opts: { sweepMs?: number } = {},
): Promise<OutboxDispatcher> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  const pass = async () => {
    do {
      again = false;
      try {
        await dispatchOutbox(platform);
      } catch (err) {
        if (!stopped) platform.log.error({ err }, 'outbox dispatch pass failed');
      }
    } while (again && !stopped);
  };
  const nudge = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
    });
  };

  const unlisten = await listen(platform, nudge);
  const sweep = setInterval(nudge, opts.sweepMs ?? 1_000);
  sweep.unref();
  nudge(); // whatever a previous process left behind

  return {
    nudge,
    async stop() {
      stopped = true;
      clearInterval(sweep);
      await unlisten();
      await running;
    },
  };
}

/** LISTEN on the outbox channel: PGlite delivers in-process; PostgreSQL needs a dedicated connection. */
async function listen(platform: Platform, onNotify: () => void): Promise<() => Promise<void>> {
  const { database, log } = platform;
  if (database.kind === 'pglite') {
    return database.pglite!.listen(OUTBOX_CHANNEL, onNotify);
  }
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: database.url, application_name: 'lsn-outbox-listener' });
    c.on('notification', onNotify);
    c.on('error', (err) => {
      log.warn({ err }, 'outbox listener connection lost; reconnecting (the sweep covers the gap)');
      c.end().catch(() => {});
      if (client === c) client = null;
      scheduleReconnect();
    });
    await c.connect();
    await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
    if (closed) {
      await c.end();
      return;
    }
    client = c;
    onNotify(); // anything committed while we were not listening
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((err) => {
        log.warn({ err }, 'outbox listener could not connect');
        scheduleReconnect();
      });
    }, 1_000);
    retry.unref();
  };
  try {
    await connect();
  } catch (err) {
    log.warn({ err }, 'outbox listener could not connect; relying on the sweep');
    scheduleReconnect();
  }
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
    client = null;
  };
}
