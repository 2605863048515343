/**
 * One topic's memory on one node: the coalesced state, the recent list messages for joiners, and a
 * ring of recent versions so a reconnecting client gets exactly what it missed. Pure bookkeeping:
 * no sockets, no timers (the gateway owns those).
 */

/** What a tick carries: state keys (latest wins) and list messages (appended, e.g. chat). */
export interface TopicPayload {
  state?: Record<string, unknown>;
  messages?: unknown[];
  /** False when everything in it may be dropped for a slow socket (viewer counts, typing). */
  critical?: boolean;
}

/** An accumulator for folding payloads; `critical` turns true once anything critical joins. */
export interface Folded {
  state: Record<string, unknown>;
  messages: unknown[];
  critical: boolean;
}

export const emptyFold = (): Folded => ({ state: {}, messages: [], critical: false });

/** Folds p into acc (in place, linear in p): later state wins per key, messages keep their order. */
export function foldInto(acc: Folded, p: TopicPayload): Folded {
  if (p.state) Object.assign(acc.state, p.state);
  if (p.messages) for (const m of p.messages) acc.messages.push(m);
  if (p.critical !== false) acc.critical = true;
  return acc;
}

/** The folded payload as it travels: no empty state object. */
export function toPayload(acc: Folded): TopicPayload {
  const out: TopicPayload = { messages: acc.messages };
  for (const _ in acc.state) {
    out.state = acc.state;
    break;
  }
  if (!acc.critical) out.critical = false;
  return out;
}

export interface RoomOptions {
  /** Versions kept for catch-up. */
  ringSize: number;
  /** List messages kept for joiners' snapshots. */
  recentSize: number;
}

export type Resume =
  | { kind: 'catchup'; version: number; payload: Folded }
  | { kind: 'snapshot'; version: number; state: Record<string, unknown>; messages: unknown[] };

interface Entry {
  version: number;
  payload: TopicPayload;
}

export class TopicRoom<S = unknown> {
  /** The last version sent to subscribers. */
  version = 0;
  state: Record<string, unknown> = {};
  readonly subscribers = new Set<S>();
  /** Last time a message arrived or a subscriber left; idle rooms without subscribers are evicted. */
  touchedAt = Date.now();
  private lastReceived = 0;
  /** A client at version >= knownFrom can be caught up from the ring; older ones need a snapshot. */
  private knownFrom = 0;
  private entries: Entry[] = [];
  private recent: unknown[] = [];
  private pending: Entry[] = [];

  constructor(
    readonly key: string,
    readonly topic: string,
    readonly epoch: string,
    private readonly opts: RoomOptions,
  ) {}

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Queues a bus message for the next tick. Without a bus version, this node numbers it. */
  receive(payload: TopicPayload, version?: number): void {
    const v = version ?? this.lastReceived + 1;
    this.lastReceived = v;
    this.pending.push({ version: v, payload });
    this.touchedAt = Date.now();
  }

  /**
   * Applies everything received since the last tick and returns it folded into one payload, or null
   * when nothing arrived. What subscribers see as state always equals what a snapshot would give.
   */
  commit(): { version: number; payload: Folded } | null {
    if (!this.pending.length) return null;
    const folded = emptyFold();
    for (const e of this.pending) {
      if (e.version !== this.version + 1) {
        // A gap (this node joined late, or lost the bus for a while): nothing before it can be replayed.
        this.entries = [];
        this.knownFrom = e.version - 1;
      }
      this.entries.push(e);
      if (this.entries.length > this.opts.ringSize) this.knownFrom = this.entries.shift()!.version;
      this.version = e.version;
      if (e.payload.state) Object.assign(this.state, e.payload.state);
      if (e.payload.messages?.length) {
        this.recent.push(...e.payload.messages);
        if (this.recent.length > this.opts.recentSize)
          this.recent.splice(0, this.recent.length - this.opts.recentSize);
      }
      foldInto(folded, e.payload);
    }
    this.pending = [];
    return { version: this.version, payload: folded };
  }

  /** What a (re)subscribing client at lastVersion needs: the versions it missed, or a snapshot. */
  resume(lastVersion?: number, epoch?: string): Resume {
    const canCatchUp =
      lastVersion !== undefined &&
      (epoch === undefined || epoch === this.epoch) &&
      lastVersion >= this.knownFrom &&
      lastVersion <= this.version;
    if (!canCatchUp) return { kind: 'snapshot', ...this.snapshot() };
    const payload = emptyFold();
    for (const e of this.entries) if (e.version > lastVersion) foldInto(payload, e.payload);
    return { kind: 'catchup', version: this.version, payload };
  }

  snapshot(): { version: number; state: Record<string, unknown>; messages: unknown[] } {
    return { version: this.version, state: { ...this.state }, messages: [...this.recent] };
  }
}
