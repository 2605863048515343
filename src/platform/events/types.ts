import type { Logger } from 'pino';
import type { TxCtx } from '../context';
import type { Platform } from '../platform';

/** A domain event as it was written to the outbox and as consumers and realtime clients receive it. */
export interface DomainEvent<P extends object = Record<string, unknown>> {
  /** UUIDv7; consumers dedupe on it. */
  id: string;
  channelId: string;
  /** `area.pastTenseVerb`, e.g. `order.placed`. */
  type: string;
  /** The realtime topic; null means `events.<type>`. */
  topic: string | null;
  payload: P;
  /** ISO-8601. */
  occurredAt: string;
}

/** A consumer's handler runs in a transaction that also records the event as consumed. */
export interface EventContext extends TxCtx {
  platform: Platform;
  log: Logger;
}

/**
 * Something that reacts to domain events, through the `events.deliver` queue: one job per consumer per
 * event. Its work and the record that it handled the event commit together, so a redelivery is a no-op.
 */
export interface EventConsumer {
  /** Unique and stable: it is the dedupe key together with the event id. */
  name: string;
  /** Event types it wants; `*` means every type. */
  eventTypes: readonly string[];
  handle(ctx: EventContext, event: DomainEvent): Promise<void>;
}

export const consumes = (consumer: EventConsumer, type: string): boolean =>
  consumer.eventTypes.includes('*') || consumer.eventTypes.includes(type);

/** The realtime topic an event is published on. */
export const topicOf = (event: Pick<DomainEvent, 'type' | 'topic'>): string =>
  event.topic ?? `events.${event.type}`;

/** NOTIFY channel that wakes outbox dispatchers when a transaction with events commits. */
export const OUTBOX_CHANNEL = 'lsn_outbox';
