import type { Platform } from '../platform';
import { createTickScheduler, type TickScheduler } from './tick-scheduler';
import { emptyFold, type Folded, foldInto, type TopicPayload, toPayload } from './topic-room';

/**
 * What a module publishes on a topic: `state` keys are coalesced (the latest stock, price or viewer
 * count wins within a tick), `messages` are appended (chat). `critical: false` marks what a slow
 * client may lose first (viewer counts, typing indicators).
 */
export type RealtimeMessage = TopicPayload;

/** The bus topic for a client topic: the channel is part of the name, so channels never mix. */
export const busTopic = (channelId: string, topic: string) => `${channelId}/${topic}`;

interface Publisher {
  pending: Map<string, Folded>;
  ticks: TickScheduler;
}

const publishers = new WeakMap<Platform['bus'], Publisher>();

/**
 * Publishes to every subscriber of `topic` in the channel, on every node. Messages are folded per
 * topic per tick on this node and go to the bus once per tick, so the bus carries at most one message
 * per topic per tick per publishing node. Best effort: a client that misses something resyncs from
 * its version. Modules pass their ctx.channelId; the default channel is for deployment-wide topics.
 */
export function publishRealtime(
  platform: Platform,
  topic: string,
  message: RealtimeMessage,
  channelId: string = platform.defaultChannelId,
): void {
  if (!platform.registry.topicOf(topic))
    throw new Error(`publishRealtime: ${topic} matches no topic a module registers`);
  const publisher = publisherFor(platform);
  const key = busTopic(channelId, topic);
  let acc = publisher.pending.get(key);
  if (!acc) {
    acc = emptyFold();
    publisher.pending.set(key, acc);
  }
  foldInto(acc, message);
  publisher.ticks.touch(key);
}

function publisherFor(platform: Platform): Publisher {
  let p = publishers.get(platform.bus);
  if (p) return p;
  const pending = new Map<string, Folded>();
  const ticks = createTickScheduler(platform.config.REALTIME_TICK_MS, (key) => {
    const acc = pending.get(key);
    if (!acc) return;
    pending.delete(key);
    platform.bus.publish({ topic: key, data: toPayload(acc) }).catch((err) => {
      platform.log.warn({ err, topic: key }, 'realtime publish failed');
    });
  });
  p = { pending, ticks };
  publishers.set(platform.bus, p);
  return p;
}
