import type { Permission } from '../access/permissions';
import type { Actor } from '../context';

/**
 * Every topic a client may subscribe to, and who may. One table: a topic that matches no pattern
 * does not exist. Topics are always scoped to the socket's channel (the gateway prefixes the
 * channel id), so a client can never hear another channel whatever name it sends.
 */
export type TopicAccess =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  /** The topic's id must be the channel the socket is on, and the actor needs the permission. */
  | { kind: 'channel-permission'; permission: Permission }
  /** The topic's id must be the actor's own user id. */
  | { kind: 'self' };

export interface TopicRule {
  pattern: RegExp;
  access: TopicAccess;
  description: string;
}

const ID = '([A-Za-z0-9_-]{1,64})';

export const topicRules: readonly TopicRule[] = [
  {
    pattern: new RegExp(`^show\\.${ID}$`),
    access: { kind: 'public' },
    description: 'A live show: price, stock, pinned product, viewer count, chat',
  },
  {
    pattern: new RegExp(`^channel\\.${ID}\\.ops$`),
    access: { kind: 'channel-permission', permission: 'console.access' },
    description: "The channel's operations feed for the staff console",
  },
  {
    pattern: new RegExp(`^user\\.${ID}$`),
    access: { kind: 'self' },
    description: "One user's own notifications (orders, payouts, sign-ins)",
  },
];

export type TopicDecision =
  | { ok: true }
  | { ok: false; code: 'UNKNOWN_TOPIC' | 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

/** May this actor, on this channel, subscribe to this topic? */
export function checkTopicAccess(topic: string, actor: Actor, channelId: string): TopicDecision {
  for (const rule of topicRules) {
    const m = rule.pattern.exec(topic);
    if (!m) continue;
    const id = m[1];
    const anonymous = actor.kind === 'anonymous' || !actor.userId;
    switch (rule.access.kind) {
      case 'public':
        return { ok: true };
      case 'authenticated':
        return anonymous ? denied('UNAUTHENTICATED', topic) : { ok: true };
      case 'self':
        if (anonymous) return denied('UNAUTHENTICATED', topic);
        return id === actor.userId ? { ok: true } : denied('FORBIDDEN', topic);
      case 'channel-permission':
        if (id !== channelId) return denied('FORBIDDEN', topic);
        if (actor.permissions.has(rule.access.permission)) return { ok: true };
        return denied(anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN', topic);
    }
  }
  return { ok: false, code: 'UNKNOWN_TOPIC', message: `No such topic: ${topic.slice(0, 100)}` };
}

function denied(code: 'UNAUTHENTICATED' | 'FORBIDDEN', topic: string): TopicDecision {
  return {
    ok: false,
    code,
    message:
      code === 'UNAUTHENTICATED'
        ? `Sign in to subscribe to ${topic}`
        : `You do not have permission to subscribe to ${topic}`,
  };
}
