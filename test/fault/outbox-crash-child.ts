/**
 * Child process for the outbox crash test: runs the worker role (dispatcher listening, consumers
 * registered), commits a business transaction that emits an event, and SIGKILLs itself in the same tick
 * the commit resolves, before the dispatcher can have handed the event on.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { start } from '../../src/app';
import { loadConfig } from '../../src/platform/config';
import { inTransaction, systemActor } from '../../src/platform/context';
import { emitEvent } from '../../src/platform/events';
import { crashModule, crashOrderPlaced } from './outbox-crash-consumers';

const url = process.argv[2]!;
const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: url,
  ROLES: 'worker',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
});
const running = await start(config, { migrated: true, modules: [crashModule] });
const { platform } = running;
const ctx = {
  db: platform.db,
  actor: systemActor(),
  channelId: platform.defaultChannelId,
  requestId: 'crash-test',
  clock: platform.clock,
};
const event = await inTransaction(ctx, async (tx) => {
  await tx.db.execute(sql`insert into crash_orders (id) values ('order-1')`);
  return emitEvent(tx, crashOrderPlaced, { orderId: 'order-1' });
});
fs.writeSync(1, `committed ${event.id}\n`);
process.kill(process.pid, 'SIGKILL');
