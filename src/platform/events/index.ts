export { type DeliverEventJob, deliverEvent } from './deliver-event';
export { dispatchOutbox } from './dispatch-outbox';
export { type EmitEventInput, emitEvent } from './emit-event';
export { type OutboxDispatcher, startOutboxDispatcher } from './outbox-dispatcher';
export { type PrunedEvents, pruneEvents } from './prune-events';
export { consumes, type DomainEvent, type EventConsumer, type EventContext, topicOf } from './types';
