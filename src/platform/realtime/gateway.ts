import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { type Actor, anonymousActor } from '../context';
import type { Platform } from '../platform';
import type { BusMessage } from './bus';
import { identifySocket, isAuthFailure, type SocketRequest, socketRequest } from './identify-socket';
import { busTopic } from './publish';
import { createTickScheduler } from './tick-scheduler';
import { type Folded, type TopicPayload, TopicRoom } from './topic-room';
import { checkTopicAccess } from './topics';

export interface GatewayOptions {
  /** Coalescing tick per topic (ms). Default: config.REALTIME_TICK_MS. */
  tickMs?: number;
  /** Ping every socket this often; one that has not answered the previous ping is terminated. */
  heartbeatMs?: number;
  /** Above this many unsent bytes a socket stops getting non-critical messages. */
  softLimitBytes?: number;
  /** Above this many unsent bytes a socket is disconnected (it resumes from its version later). */
  hardLimitBytes?: number;
  /** Versions per topic kept for catch-up, and list messages kept for joiners. */
  ringSize?: number;
  recentSize?: number;
  maxTopicsPerSocket?: number;
  /** Open files are capped; refuse sockets beyond this with 503 rather than fail at random. */
  maxConnections?: number;
  /** Client messages per second before the socket is closed (1008). */
  maxClientMessagesPerSecond?: number;
  /** A topic nobody here subscribes to and nobody published on for this long is forgotten. */
  idleTopicMs?: number;
  /** 'per-socket' serializes every frame for every socket: the benchmark's baseline, never for production. */
  fanout?: 'shared' | 'per-socket';
}

export interface Gateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly connections: number;
  close(): Promise<void>;
}

interface Conn {
  ws: WebSocket;
  channelId: string;
  actor: Actor;
  /** The identity tags (user, session, API key) the actor was built from: the socket's keys in byTag. */
  tags: string[];
  /** The credentials the socket presented (cookie, or the API key as a bearer header); re-checked on revocation. */
  req: SocketRequest;
  rooms: Map<string, TopicRoom<Conn>>;
  alive: boolean;
  /** Client messages are handled one at a time, in order (auth may hit the database). */
  queue: Promise<void>;
  windowStart: number;
  windowCount: number;
}

const PONG = Buffer.from('{"type":"pong"}');
const TEXT = { binary: false } as const;
const TOPIC_MAX = 200;
/** Close code for a socket whose API key was revoked: the 4000–4999 range is ours; 4401 mirrors HTTP 401. */
export const CLOSE_KEY_REVOKED = 4401;

/** Refused outright (a revoked or unknown API key), as opposed to merely anonymous (no valid cookie). */
type Identified = Actor | 'refused';

/**
 * The WebSocket gateway: authenticates sockets, checks subscriptions against the topic table, and
 * fans out what the bus brings. Per topic and per tick it folds everything received into one frame,
 * serializes it once and writes the same buffer to every local subscriber.
 */
export async function createGateway(platform: Platform, options: GatewayOptions = {}): Promise<Gateway> {
  const opts = {
    tickMs: options.tickMs ?? platform.config.REALTIME_TICK_MS,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    softLimitBytes: options.softLimitBytes ?? 256 * 1024,
    hardLimitBytes: options.hardLimitBytes ?? 4 * 1024 * 1024,
    ringSize: options.ringSize ?? 256,
    recentSize: options.recentSize ?? 256,
    maxTopicsPerSocket: options.maxTopicsPerSocket ?? 64,
    maxConnections: options.maxConnections ?? 15_000,
    maxClientMessagesPerSecond: options.maxClientMessagesPerSecond ?? 50,
    idleTopicMs: options.idleTopicMs ?? 10 * 60_000,
    fanout: options.fanout ?? 'shared',
  };
  const log = platform.log.child({ component: 'realtime' });
  // Versions this node assigns itself (buses without counters) belong to this sequence.
  const epoch = platform.bus.epoch ?? `node-${randomUUID()}`;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024, perMessageDeflate: false });
  const conns = new Set<Conn>();
  const rooms = new Map<string, TopicRoom<Conn>>();
  // Sockets by the identity tags their actor was built from, so an invalidation touches only its sockets.
  const byTag = new Map<string, Set<Conn>>();
  // Counts invalidations seen: a socket that authenticated across one is re-checked (it may hold what was revoked).
  let invalidations = 0;
  let closing = false;

  const ticks = createTickScheduler(opts.tickMs, (key) => flush(rooms.get(key)));
  const unsubscribe = await platform.bus.subscribe(onBusMessage);
  const stopInvalidations = platform.cache.onInvalidate(onInvalidate);

  const heartbeat = setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
    sweepIdleRooms();
  }, opts.heartbeatMs);
  heartbeat.unref();

  function setActor(c: Conn, actor: Actor) {
    for (const t of c.tags) {
      const set = byTag.get(t);
      set?.delete(c);
      if (set?.size === 0) byTag.delete(t);
    }
    c.actor = actor;
    c.tags = platform.identity.tagsOf(actor);
    if (!conns.has(c)) return;
    for (const t of c.tags) {
      const set = byTag.get(t);
      if (set) set.add(c);
      else byTag.set(t, new Set([c]));
    }
  }

  function enqueue(c: Conn, work: () => Promise<void> | void) {
    c.queue = c.queue.then(work).catch((err) => {
      log.error({ err }, 'realtime: client message failed');
    });
  }

  /**
   * A session was revoked, a key revoked or a user's roles changed, here or on another node (the cache
   * hub has already dropped the cached identities). Each affected socket is authenticated again with
   * what it presented, in its message queue so it never races a subscribe; sockets sharing one
   * credential share one lookup.
   */
  function onInvalidate(tags: readonly string[]) {
    invalidations++;
    const hit = new Set<Conn>();
    for (const t of tags) for (const c of byTag.get(t) ?? []) hit.add(c);
    const lookups = new Map<string, Promise<Identified>>();
    for (const c of hit) enqueue(c, () => recheck(c, lookups));
  }

  async function identify(c: Conn): Promise<Identified> {
    try {
      return (await identifySocket(platform, c.req, c.channelId)).actor;
    } catch (err) {
      if (isAuthFailure(err)) return 'refused';
      throw err;
    }
  }

  /**
   * What a socket keeps once its credential changed:
   * - API key revoked: the socket is closed (4401, after an UNAUTHENTICATED error). Key sockets are
   *   integrations; the same key is refused with 401 at the handshake, and a closed socket shows up in
   *   the integration's logs where quietly degrading to public topics would not.
   * - Session ended (sign-out, revoked, password changed, user disabled): the socket stays open as
   *   anonymous. It is usually a viewer's page: the live show it watches is public and should not stop
   *   because the viewer signed out in another tab. It gets one UNAUTHENTICATED error, then one per topic
   *   that needed sign-in, and those subscriptions end.
   * - Roles changed: every topic the actor may no longer hear ends with a FORBIDDEN error naming it.
   * If the check itself fails (database down) the socket is closed 1011: we cannot tell whether the
   * credential still holds, and a reconnecting client is authenticated afresh.
   */
  async function recheck(c: Conn, lookups?: Map<string, Promise<Identified>>) {
    if (c.ws.readyState !== WebSocket.OPEN) return;
    const credential = credentialOf(c, platform.identity.sessionCookie);
    let lookup = lookups?.get(credential);
    if (!lookup) {
      lookup = identify(c);
      lookups?.set(credential, lookup);
    }
    let actor: Identified;
    try {
      actor = await lookup;
    } catch (err) {
      log.error({ err }, 'realtime: re-authentication failed');
      c.ws.close(1011, 'Could not re-check your credentials; reconnect');
      return;
    }
    if (c.ws.readyState !== WebSocket.OPEN) return;
    if (actor === 'refused') {
      sendError(c, 'UNAUTHENTICATED', 'Your API key was revoked');
      setActor(c, anonymous);
      c.ws.close(CLOSE_KEY_REVOKED, 'API key revoked');
      return;
    }
    const signedOut = actor.kind === 'anonymous' && c.actor.kind !== 'anonymous';
    setActor(c, actor);
    if (signedOut) sendError(c, 'UNAUTHENTICATED', 'Your session has ended; sign in again');
    for (const topic of [...c.rooms.keys()]) {
      const decision = checkTopicAccess(platform.registry, topic, actor, c.channelId);
      if (decision.ok) continue;
      leave(c, topic);
      sendError(
        c,
        decision.code,
        decision.code === 'FORBIDDEN'
          ? `You no longer have permission to receive ${topic}`
          : decision.code === 'PASSWORD_CHANGE_REQUIRED'
            ? decision.message
            : `Your session has ended; sign in again to receive ${topic}`,
        topic,
      );
    }
  }

  function roomFor(key: string, topic: string): TopicRoom<Conn> {
    let room = rooms.get(key);
    if (!room) {
      room = new TopicRoom<Conn>(key, topic, epoch, opts);
      rooms.set(key, room);
    }
    return room;
  }

  function onBusMessage(m: BusMessage) {
    const slash = m.topic.indexOf('/');
    if (slash < 0) return;
    const room = roomFor(m.topic, m.topic.slice(slash + 1));
    room.receive(m.data as TopicPayload, m.version);
    ticks.touch(m.topic);
  }

  function flush(room: TopicRoom<Conn> | undefined) {
    const out = room?.commit();
    if (!room || !out || room.subscribers.size === 0) return;
    const frame = batchFrame(room.topic, out.version, out.payload);
    if (opts.fanout === 'per-socket') {
      for (const c of room.subscribers) deliver(c, JSON.stringify(frame), out.payload.critical);
      return;
    }
    const data = Buffer.from(JSON.stringify(frame));
    for (const c of room.subscribers) deliver(c, data, out.payload.critical);
  }

  function deliver(c: Conn, data: Buffer | string, critical: boolean) {
    const buffered = c.ws.bufferedAmount;
    if (buffered > opts.hardLimitBytes) {
      log.info({ buffered }, 'realtime: slow socket disconnected');
      c.ws.terminate();
      return;
    }
    if (buffered > opts.softLimitBytes && !critical) return;
    c.ws.send(data, TEXT);
  }

  function send(c: Conn, frame: unknown) {
    if (c.ws.readyState === WebSocket.OPEN) c.ws.send(JSON.stringify(frame));
  }

  function sendError(c: Conn, code: string, message: string, topic?: string) {
    send(c, { type: 'error', code, message, ...(topic ? { topic } : {}) });
  }

  function sweepIdleRooms() {
    const now = Date.now();
    for (const [key, room] of rooms)
      if (room.subscribers.size === 0 && !room.hasPending && now - room.touchedAt > opts.idleTopicMs)
        rooms.delete(key);
  }

  function subscribe(c: Conn, msg: Record<string, unknown>) {
    const topic = msg.topic;
    if (typeof topic !== 'string' || !topic || topic.length > TOPIC_MAX)
      return sendError(c, 'BAD_REQUEST', 'subscribe needs a topic (a string up to 200 characters)');
    const lastVersion = msg.lastVersion;
    if (lastVersion !== undefined && (typeof lastVersion !== 'number' || !Number.isSafeInteger(lastVersion)))
      return sendError(c, 'BAD_REQUEST', 'lastVersion must be an integer', topic);
    if (msg.epoch !== undefined && typeof msg.epoch !== 'string')
      return sendError(c, 'BAD_REQUEST', 'epoch must be a string', topic);
    const decision = checkTopicAccess(platform.registry, topic, c.actor, c.channelId);
    if (!decision.ok) return sendError(c, decision.code, decision.message, topic);
    if (!c.rooms.has(topic) && c.rooms.size >= opts.maxTopicsPerSocket)
      return sendError(
        c,
        'TOO_MANY_TOPICS',
        `At most ${opts.maxTopicsPerSocket} topics per connection`,
        topic,
      );

    const room = roomFor(busTopic(c.channelId, topic), topic);
    room.subscribers.add(c);
    c.rooms.set(topic, room);
    const resume = room.resume(lastVersion as number | undefined, msg.epoch as string | undefined);
    if (resume.kind === 'catchup') send(c, batchFrame(topic, resume.version, resume.payload));
    else
      send(c, {
        type: 'snapshot',
        topic,
        version: resume.version,
        epoch: room.epoch,
        data: { state: resume.state, messages: resume.messages },
      });
  }

  function unsubscribeTopic(c: Conn, topic: unknown) {
    if (typeof topic !== 'string') return sendError(c, 'BAD_REQUEST', 'unsubscribe needs a topic');
    leave(c, topic);
  }

  function leave(c: Conn, topic: string) {
    const room = c.rooms.get(topic);
    if (!room) return;
    room.subscribers.delete(c);
    room.touchedAt = Date.now();
    c.rooms.delete(topic);
  }

  async function reauthenticate(c: Conn, token: unknown) {
    if (typeof token !== 'string' || !token || token.length > 512)
      return sendError(c, 'BAD_REQUEST', 'auth needs a token (an API key)');
    try {
      const req = { ...c.req, headers: { ...c.req.headers, authorization: `Bearer ${token}` } };
      const seen = invalidations;
      const { actor } = await identifySocket(platform, req, c.channelId);
      if (actor.kind === 'anonymous') return sendError(c, 'UNAUTHENTICATED', 'Invalid or revoked API key');
      c.req = req; // re-checked with this key from now on
      setActor(c, actor);
      send(c, { type: 'authenticated', actor: { kind: actor.kind, userId: actor.userId } });
      if (invalidations !== seen) enqueue(c, () => recheck(c));
    } catch (err) {
      if (isAuthFailure(err)) return sendError(c, 'UNAUTHENTICATED', 'Invalid or revoked API key');
      log.error({ err }, 'realtime: authentication failed');
      sendError(c, 'INTERNAL', 'Could not check the key; try again');
    }
  }

  async function onClientMessage(c: Conn, raw: RawData, isBinary: boolean) {
    let msg: Record<string, unknown>;
    try {
      if (isBinary) throw new Error('binary');
      msg = JSON.parse(raw.toString());
      if (!msg || typeof msg !== 'object' || Array.isArray(msg)) throw new Error('not an object');
    } catch {
      return sendError(c, 'BAD_REQUEST', 'Messages are JSON objects with a type');
    }
    switch (msg.type) {
      case 'ping':
        if (c.ws.readyState === WebSocket.OPEN) c.ws.send(PONG, TEXT);
        return;
      case 'subscribe':
        return subscribe(c, msg);
      case 'unsubscribe':
        return unsubscribeTopic(c, msg.topic);
      case 'auth':
        return reauthenticate(c, msg.token);
      default:
        return sendError(c, 'BAD_REQUEST', 'type must be subscribe, unsubscribe, ping or auth');
    }
  }

  function onConnection(ws: WebSocket, req: SocketRequest, channelId: string, actor: Actor, stale: boolean) {
    const c: Conn = {
      ws,
      channelId,
      actor,
      tags: [],
      req,
      rooms: new Map(),
      alive: true,
      queue: Promise.resolve(),
      windowStart: Date.now(),
      windowCount: 0,
    };
    conns.add(c);
    setActor(c, actor);
    // Something was revoked while the handshake authenticated: make sure it was not this.
    if (stale && c.tags.length) enqueue(c, () => recheck(c));
    platform.metrics.wsConnections.inc();
    ws.on('pong', () => {
      c.alive = true;
    });
    ws.on('message', (raw, isBinary) => {
      const now = Date.now();
      if (now - c.windowStart >= 1000) {
        c.windowStart = now;
        c.windowCount = 0;
      }
      if (++c.windowCount > opts.maxClientMessagesPerSecond) {
        ws.close(1008, 'Too many messages');
        return;
      }
      enqueue(c, () => onClientMessage(c, raw, isBinary));
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      conns.delete(c);
      setActor(c, anonymous);
      platform.metrics.wsConnections.dec();
      for (const room of c.rooms.values()) {
        room.subscribers.delete(c);
        room.touchedAt = Date.now();
      }
      c.rooms.clear();
    });
  }

  function refuse(socket: Duplex, status: number, reason: string, message: string, extra = '') {
    const body = JSON.stringify({ error: reason, message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n${extra}` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }

  /** Per client address, through the shared limiter (cluster-wide when Redis is configured). */
  const opensPerMinute = platform.config.REALTIME_OPENS_PER_MINUTE;
  async function openAllowed(socket: Duplex, ip: string): Promise<boolean> {
    const r = await platform.limiter.hit(`ws-open:${ip}`, opensPerMinute, 60_000);
    if (r.allowed) return true;
    refuse(
      socket,
      429,
      'Too Many Requests',
      `Too many connections from your address: retry in ${r.retryAfterSeconds}s`,
      `Retry-After: ${r.retryAfterSeconds}\r\n`,
    );
    return false;
  }

  return {
    get connections() {
      return conns.size;
    },
    handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      if (closing) return refuse(socket, 503, 'Service Unavailable', 'Shutting down');
      if (conns.size >= opts.maxConnections)
        return refuse(socket, 503, 'Service Unavailable', 'Too many connections on this node');
      const url = new URL(req.url ?? '/', 'http://localhost');
      const token = url.searchParams.get('token') ?? undefined;
      const sreq = socketRequest(platform, req, token);
      const seen = invalidations;
      const upgrade = async () => {
        if (!(await openAllowed(socket, sreq.ip))) return;
        const { channelId, actor } = await identifySocket(platform, sreq);
        if (token && actor.kind === 'anonymous')
          return refuse(socket, 401, 'Unauthorized', 'Invalid or revoked API key');
        wss.handleUpgrade(req, socket, head, (ws) =>
          onConnection(ws, sreq, channelId, actor, invalidations !== seen),
        );
      };
      upgrade().catch((err) => {
        if (isAuthFailure(err)) return refuse(socket, 401, 'Unauthorized', 'Invalid or revoked API key');
        log.error({ err }, 'realtime: upgrade failed');
        refuse(socket, 500, 'Internal Server Error', 'Something went wrong on our side');
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(heartbeat);
      stopInvalidations();
      ticks.close();
      await unsubscribe();
      for (const c of conns) c.ws.close(1001, 'Server shutting down');
      // Give clients a moment to answer the close frame, then cut whoever has not.
      const deadline = Date.now() + 500;
      while (conns.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const c of conns) c.ws.terminate();
      rooms.clear();
    },
  };
}

const anonymous: Actor = anonymousActor();

/** What authenticate() reads: sockets presenting the same credential share one lookup. */
function credentialOf(c: Conn, sessionCookie: string): string {
  const auth = c.req.headers.authorization;
  return `${c.channelId} ${typeof auth === 'string' ? auth : ''} ${c.req.cookies?.[sessionCookie] ?? ''}`;
}

function batchFrame(topic: string, version: number, p: Folded) {
  const frame: { type: 'batch'; topic: string; version: number; state?: unknown; messages: unknown[] } = {
    type: 'batch',
    topic,
    version,
    messages: p.messages,
  };
  for (const _ in p.state) {
    frame.state = p.state;
    break;
  }
  return frame;
}
