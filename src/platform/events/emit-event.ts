import { sql } from 'drizzle-orm';
import type { TxCtx } from '../context';
import { newId } from '../ids';
import { outbox } from './schema';
import { type DomainEvent, OUTBOX_CHANNEL } from './types';

export interface EmitEventInput<P extends Record<string, unknown>> {
  type: string;
  payload: P;
  /** Realtime topic to publish on instead of `events.<type>`. */
  topic?: string;
}

/**
 * Writes a domain event to the outbox inside the caller's transaction: it exists only if the business
 * change commits. The NOTIFY is delivered by PostgreSQL on commit (and never on rollback), which is the
 * after-commit nudge that wakes dispatchers on every worker node; the one-second sweep covers a missed one.
 */
export async function emitEvent<P extends Record<string, unknown>>(
  ctx: TxCtx,
  input: EmitEventInput<P>,
): Promise<DomainEvent<P>> {
  const occurredAt = ctx.clock.now();
  const event: DomainEvent<P> = {
    id: newId(),
    channelId: ctx.channelId,
    type: input.type,
    topic: input.topic ?? null,
    payload: input.payload,
    occurredAt: occurredAt.toISOString(),
  };
  await ctx.db.insert(outbox).values({
    id: event.id,
    channelId: event.channelId,
    type: event.type,
    topic: event.topic,
    payload: event.payload,
    occurredAt,
  });
  // Identical notifications in one transaction collapse into one, so many events cost one wake-up.
  await ctx.db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return event;
}
