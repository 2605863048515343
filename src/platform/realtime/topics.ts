import type { Actor } from '../context';
import { defineTopic, type Registry } from '../kit';

/**
 * The platform's own topics. A topic that matches no registered family does not exist; each family says
 * who may subscribe. Topics are always scoped to the socket's channel (the gateway prefixes the channel
 * id), so a client can never hear another channel whatever name it sends.
 */
export const showTopic = defineTopic('show.{id}', {
  access: { kind: 'public' },
  description: 'A live show: price, stock, pinned product, viewer count, chat',
});
export const opsTopic = defineTopic('channel.{id}.ops', {
  access: { kind: 'channel-permission', permission: 'console.access' },
  description: "The channel's operations feed for the staff console",
});
export const userTopic = defineTopic('user.{id}', {
  access: { kind: 'self' },
  description: "One user's own notifications (orders, payouts, sign-ins)",
});

export type TopicDecision =
  | { ok: true }
  | {
      ok: false;
      code: 'UNKNOWN_TOPIC' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'PASSWORD_CHANGE_REQUIRED';
      message: string;
    };

/** May this actor, on this channel, subscribe to this topic? */
export function checkTopicAccess(
  registry: Pick<Registry, 'topicOf'>,
  topic: string,
  actor: Actor,
  channelId: string,
): TopicDecision {
  const match = registry.topicOf(topic);
  if (!match) return { ok: false, code: 'UNKNOWN_TOPIC', message: `No such topic: ${topic.slice(0, 100)}` };
  const { definition, id } = match;
  const anonymous = actor.kind === 'anonymous' || !actor.userId;
  if (definition.access.kind === 'public') return { ok: true };
  // The HTTP API refuses such an account everything but the password change; its sockets hear only
  // public topics until the change (which invalidates the identity and so re-checks the socket).
  if (actor.mustChangePassword)
    return {
      ok: false,
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: `Choose a new password first, then subscribe to ${topic}`,
    };
  switch (definition.access.kind) {
    case 'authenticated':
      return anonymous ? denied('UNAUTHENTICATED', topic) : { ok: true };
    case 'self':
      if (anonymous) return denied('UNAUTHENTICATED', topic);
      return id === actor.userId ? { ok: true } : denied('FORBIDDEN', topic);
    case 'channel-permission':
      if (id !== channelId) return denied('FORBIDDEN', topic);
      if (actor.permissions.has(definition.access.permission)) return { ok: true };
      return denied(anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN', topic);
  }
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
