import type { z } from 'zod';
import type { DomainEvent, EventConsumer, EventContext } from '../events';
import type { CronEntry, QueueDefinition } from '../jobs';
import type { Permission } from './permissions';

/**
 * A domain event type: its name (`area.pastTenseVerb`) and the zod schema of its payload. Emitting takes
 * the definition itself (`emitEvent(tx, orderPlaced, payload)`), so an unknown type or a payload of the
 * wrong shape is a compile error, and the payload is parsed at run time too.
 */
export interface EventDefinition<T extends string = string, P extends object = Record<string, unknown>> {
  readonly type: T;
  readonly description: string;
  readonly schema: z.ZodType<P>;
}

const EVENT_TYPE_RE = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

export function defineEvent<const T extends string, S extends z.ZodType<object>>(
  type: T,
  schema: S,
  description: string,
): EventDefinition<T, z.output<S>> {
  if (!EVENT_TYPE_RE.test(type)) throw new Error(`Event type "${type}" must look like area.pastTenseVerb`);
  return Object.freeze({ type, schema: schema as unknown as z.ZodType<z.output<S>>, description });
}

/** A queue: its name (`area.verb`), options and handler, referred to by the definition when sending. */
export function defineQueue<T extends object>(queue: QueueDefinition<T>): QueueDefinition<T> {
  return Object.freeze(queue);
}

export function defineCron(entry: CronEntry): CronEntry {
  return Object.freeze(entry);
}

/**
 * Who may subscribe to a realtime topic: anyone, anyone signed in, holders of a permission in the
 * channel the topic names, or only the user the topic names.
 */
export type TopicAccess =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  /** The topic's id must be the channel the socket is on, and the actor needs the permission. */
  | { kind: 'channel-permission'; permission: Permission }
  /** The topic's id must be the actor's own user id. */
  | { kind: 'self' };

/** A realtime topic family, e.g. `show.{id}`: exactly one `{id}` placeholder. */
export interface TopicDefinition<N extends string = string> {
  readonly name: N;
  readonly pattern: RegExp;
  readonly access: TopicAccess;
  readonly description: string;
  /** The topic for one id: `showTopic.of(showId)` → `show.<showId>`. */
  of(id: string): string;
}

const TOPIC_ID = '([A-Za-z0-9_-]{1,64})';
export const TOPIC_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export function defineTopic<const N extends string>(
  name: N,
  opts: { access: TopicAccess; description: string },
): TopicDefinition<N> {
  const parts = name.split('{id}');
  if (parts.length !== 2 || !/^[a-z][a-z0-9.]*$/.test(parts.join('')))
    throw new Error(`Topic "${name}" must be lower-case words and dots with exactly one {id}`);
  const escapeDots = (s: string) => s.replace(/[.]/g, '\\.');
  const pattern = new RegExp(`^${escapeDots(parts[0]!)}${TOPIC_ID}${escapeDots(parts[1]!)}$`);
  return Object.freeze({
    name,
    pattern,
    access: opts.access,
    description: opts.description,
    of(id: string) {
      if (!TOPIC_ID_RE.test(id)) throw new Error(`Topic id "${id.slice(0, 80)}" is not a valid id`);
      return `${parts[0]}${id}${parts[1]}`;
    },
  });
}

/** A delivered event of one of these definitions, narrowed by `type`. */
export type EventOf<D> = D extends EventDefinition<infer T, infer P> ? DomainEvent<P> & { type: T } : never;

/**
 * Something that reacts to domain events (one `events.deliver` job per consumer per event; its work and
 * the record that it handled the event commit together). `events: '*'` takes every type.
 */
export function defineConsumer<const E extends readonly EventDefinition[]>(consumer: {
  /** Unique and stable: with the event id it is the dedupe key. */
  name: string;
  events: E | '*';
  handle(ctx: EventContext, event: E extends readonly [] ? DomainEvent : EventOf<E[number]>): Promise<void>;
}): EventConsumer {
  return Object.freeze({
    name: consumer.name,
    eventTypes: consumer.events === '*' ? ['*'] : consumer.events.map((e) => e.type),
    handle: consumer.handle as EventConsumer['handle'],
  });
}
