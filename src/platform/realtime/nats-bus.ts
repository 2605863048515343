import { connect, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { Bus, BusMessage } from './bus';

export interface NatsBusOptions {
  /** Subject every node publishes on and listens to; tests use their own. */
  subject?: string;
  log?: Logger;
}

/**
 * NATS core pub/sub on one subject. Core NATS keeps no counters, so messages carry no version:
 * each gateway numbers what it receives (its own epoch), and a client that moves to another node
 * resyncs with a snapshot.
 */
export async function createNatsBus(url: string, opts: NatsBusOptions = {}): Promise<Bus> {
  const subject = opts.subject ?? 'lsn.rt';
  const nc: NatsConnection = await connect({
    servers: url,
    name: 'lsn-realtime',
    maxReconnectAttempts: -1,
  });
  const handlers = new Set<(m: BusMessage) => void>();
  let subscribed = false;

  return {
    kind: 'nats',
    async publish(message) {
      nc.publish(subject, JSON.stringify({ t: message.topic, d: message.data }));
    },
    async subscribe(handler) {
      handlers.add(handler);
      if (!subscribed) {
        subscribed = true;
        nc.subscribe(subject, {
          callback: (err, msg) => {
            if (err) {
              opts.log?.warn({ err: err.message }, 'realtime nats subscription error');
              return;
            }
            let parsed: { t: string; d: unknown };
            try {
              parsed = JSON.parse(msg.string());
            } catch (e) {
              opts.log?.warn({ err: e }, 'realtime: unreadable bus message dropped');
              return;
            }
            const message: BusMessage = { topic: parsed.t, data: parsed.d };
            for (const h of handlers) h(message);
          },
        });
        // The subscription must reach the server before we report ready, or early messages are missed.
        await nc.flush();
      }
      return async () => {
        handlers.delete(handler);
      };
    },
    async close() {
      handlers.clear();
      if (!nc.isClosed()) await nc.drain();
    },
  };
}
