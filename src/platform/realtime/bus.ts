/**
 * The realtime bus carries messages between nodes: each node publishes once per topic and fans out
 * to its own sockets. Implementations: in-memory (one process), Redis, NATS.
 */
export interface BusMessage {
  topic: string;
  /**
   * Monotonic per topic, so a reconnecting client can tell what it missed. Set by buses that can
   * number messages for every node at once (Redis); otherwise each gateway numbers what it receives.
   */
  version?: number;
  data: unknown;
}

export interface Bus {
  readonly kind: 'memory' | 'redis' | 'nats';
  /**
   * Names the sequence of versions this bus assigns (absent when it assigns none). A client that
   * resumes with a version from another sequence gets a snapshot instead of a diff.
   */
  readonly epoch?: string;
  publish(message: BusMessage): Promise<void>;
  /** Receives every message published on any node, this one included. Returns an unsubscribe function. */
  subscribe(handler: (message: BusMessage) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
