/**
 * The realtime bus carries messages between nodes: each node publishes once per topic and fans out
 * to its own sockets. Implementations: in-memory (one process), Redis, NATS.
 */
export interface BusMessage {
  topic: string;
  /** Monotonic per topic, so a reconnecting client can tell what it missed. */
  version?: number;
  data: unknown;
}

export interface Bus {
  readonly kind: 'memory' | 'redis' | 'nats';
  publish(message: BusMessage): Promise<void>;
  /** Receives every message published on any node, this one included. Returns an unsubscribe function. */
  subscribe(handler: (message: BusMessage) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
