import type { EventConsumer } from './types';

/**
 * Every event consumer in the product, in one place. A module adds its consumers here
 * (`import { orderConsumers } from '../../modules/orders'` and spread them in). Names must stay stable:
 * they key the dedupe records in event_consumptions.
 */
export const eventConsumers: EventConsumer[] = [];
