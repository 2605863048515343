export type { Bus, BusMessage } from './bus';
export { createBus } from './create-bus';
export type { Gateway, GatewayOptions } from './gateway';
export { realtimePlugin } from './plugin';
export { publishRealtime, type RealtimeMessage } from './publish';
export { checkTopicAccess, topicRules } from './topics';
