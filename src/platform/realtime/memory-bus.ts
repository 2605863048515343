import type { Bus, BusMessage } from './bus';

/** One process: publish hands the message straight to every subscriber. */
export function createMemoryBus(): Bus {
  const handlers = new Set<(m: BusMessage) => void>();
  return {
    kind: 'memory',
    async publish(message) {
      for (const h of handlers) h(message);
    },
    async subscribe(handler) {
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },
    async close() {
      handlers.clear();
    },
  };
}
