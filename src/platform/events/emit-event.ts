import { sql } from 'drizzle-orm';
import type { TxCtx } from '../context';
import { newId } from '../ids';
import type { EventDefinition } from '../kit';
import { outbox } from './schema';
import { type DomainEvent, OUTBOX_CHANNEL } from './types';

export interface EmitOptions {
  /** Realtime topic to publish on instead of `events.<type>` (e.g. `showTopic.of(showId)`). */
  topic?: string;
}

/**
 * Writes a domain event to the outbox inside the caller's transaction: it exists only if the business
 * change commits. The event is named by its definition, so an unknown type or a payload of the wrong shape
 * does not compile, and the payload is parsed by the definition's schema here too (what is stored is what
 * the schema gives back). The NOTIFY is delivered by PostgreSQL on commit (and never on rollback), which
 * is the after-commit nudge that wakes dispatchers on every worker node; the one-second sweep covers a
 * missed one.
 */
export async function emitEvent<T extends string, P extends object>(
  ctx: TxCtx,
  definition: EventDefinition<T, P>,
  payload: P,
  opts: EmitOptions = {},
): Promise<DomainEvent<P> & { type: T }> {
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success)
    throw new Error(
      `emitEvent(${definition.type}): the payload does not match its schema: ${parsed.error.message}`,
    );
  const occurredAt = ctx.clock.now();
  const event = {
    id: newId(),
    channelId: ctx.channelId,
    type: definition.type,
    topic: opts.topic ?? null,
    payload: parsed.data,
    occurredAt: occurredAt.toISOString(),
  };
  await ctx.db.insert(outbox).values({
    id: event.id,
    channelId: event.channelId,
    type: event.type,
    topic: event.topic,
    payload: event.payload as Record<string, unknown>,
    occurredAt,
  });
  // Identical notifications in one transaction collapse into one, so many events cost one wake-up.
  await ctx.db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return event;
}
