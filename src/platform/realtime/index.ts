import { defineModule } from '../kit';
import { opsTopic, showTopic, userTopic } from './topics';

/** Realtime: the WebSocket gateway, topic rooms, and the bus between nodes (memory, Redis or NATS). */
export type { Bus, BusMessage } from './bus';
export { createBus } from './create-bus';
export type { Gateway, GatewayOptions } from './gateway';
export { realtimePlugin } from './plugin';
export { busTopic, publishRealtime, type RealtimeMessage } from './publish';
export { checkTopicAccess, opsTopic, showTopic, type TopicDecision, userTopic } from './topics';

export const realtimeModule = defineModule({
  name: 'realtime',
  description: 'Live updates over WebSockets: who may subscribe to what, coalesced fan-out across nodes.',
  topics: [showTopic, opsTopic, userTopic],
});
